"""Versioned cache namespaces (after pretix's NamespacedCache): the cache API over keys that
carry the namespace's version, kept in the shared cache, so clear() makes everything stored
under it stale in every process at once. Values sit in each process's memory (the "local"
cache): serving one costs no network round trip.

The shared cache (Redis, or files) is an accelerator, never a dependency: while it fails,
each read gets a version of its own (nothing cached before the failure is served), a
version cleared meanwhile is written once it answers again, and nothing raises.
"""

import logging
import time
import uuid

from django.conf import settings
from django.core.cache import cache, caches
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)
DAY = 24 * 3600


def new_version():
    return uuid.uuid4().hex


class SharedCache:
    """Calls to the shared cache that survive its outage. After a failure it is left alone
    for `rest` seconds: an outage costs each process one slow call per rest (settings give
    Redis short timeouts) and one log line."""

    def __init__(self, rest=1.0):
        self.rest = rest
        self.down_until = 0.0
        self.owed = set()  # version keys cleared while it failed

    def call(self, operation, otherwise=None):
        """What `operation()` gets from the shared cache or, if it fails, `otherwise()`."""
        if self.down_until and time.monotonic() < self.down_until:
            return otherwise and otherwise()
        try:
            value = operation()
        except Exception as error:  # whatever the backend raises: Redis down, a full disk...
            if not self.down_until:
                logger.warning(
                    "Shared cache failed (%s: %s), pages are built uncached",
                    type(error).__name__,
                    error,
                )
            self.down_until = time.monotonic() + self.rest
            return otherwise and otherwise()
        if self.down_until:
            self.down_until = 0.0
            logger.info("Shared cache answers again")
        return value

    def forget_outage(self):
        """Tries the shared cache again at the next call, failed lately or not."""
        self.down_until = 0.0

    def version(self, key):
        """The version under `key`: a new one if the cache forgot it, and a new one at every
        call while it fails."""
        return self.call(lambda: cache.get(key) or self.first_version(key), new_version)

    def first_version(self, key):
        """A new version for `key`, unless another process has just stored one: then that."""
        value = new_version()
        return value if cache.add(key, value, None) else cache.get(key, value)

    def pay_owed(self):
        """New versions for the keys cleared here since the shared cache last answered: a
        Redis that was only unreachable still holds the old ones."""
        keys = set(self.owed)
        if keys and self.call(lambda: write_versions(keys)):
            self.owed.difference_update(keys)

    def clear(self, key):
        self.owed.add(key)
        self.pay_owed()


def write_versions(keys):
    cache.set_many({key: new_version() for key in keys}, None)
    if site.version_key in keys:
        cache.delete(site.published_until)  # a post's schedule may have changed
    return True


shared = SharedCache()


class VersionedCache:
    """get, set, get_or_set, delete and clear() for keys under `name`. An instance reads its
    version once, at first use: make one per request (or per piece of work)."""

    def __init__(self, name):
        self.version_key = f"version:{name}"
        self.name = name
        self.known = None

    def forget(self):
        self.known = None

    def version(self):
        if self.known is None:
            self.known = shared.version(self.version_key)
        return self.known

    def make_key(self, key):
        return f"{self.name}:{self.version()}:{key}"

    def get(self, key, default=None):
        return caches["local"].get(self.make_key(key), default)

    def set(self, key, value, timeout=DAY):
        caches["local"].set(self.make_key(key), value, timeout)

    def get_or_set(self, key, default, timeout=DAY):
        return caches["local"].get_or_set(self.make_key(key), default, timeout)

    def delete(self, key):
        caches["local"].delete(self.make_key(key))

    def clear(self):
        """Makes everything under this name stale, now and again after the commit: a page
        built by another request in between, from data not yet committed, is not kept.
        Never raises: a write is not lost for want of a cache."""

        def new_version_now():
            self.forget()
            shared.clear(self.version_key)

        new_version_now()
        transaction.on_commit(new_version_now)


class SiteCache(VersionedCache):
    """Everything readers see (pages, sidebar lists): its version changes with every write
    and when a scheduled post appears (nothing is written then; settings.PAGE_SCHEDULE
    names the function that says when).

    Read from the shared cache at most once every `hold` seconds per process (a clear() in
    this process forgets it at once), so a busy worker does not pay a round trip per
    request; another container's write shows here within that time.
    """

    published_until = "version:published-until"

    def __init__(self, name, hold=1.0):
        super().__init__(name)
        self.hold = hold
        self.forget()

    def forget(self):
        self.known, self.until, self.upcoming = None, 0.0, None

    def version(self):
        if self.known and time.monotonic() < self.until:
            return self.known
        shared.pay_owed()
        self.upcoming = import_string(settings.PAGE_SCHEDULE)()
        self.known = self.read_version()
        self.until = time.monotonic() + self.hold
        return self.known

    def read_version(self):
        state = shared.call(lambda: cache.get_many([self.version_key, self.published_until]), dict)
        version = state.get(self.version_key) or shared.version(self.version_key)
        marker = state.get(self.published_until)
        if marker is None:
            marker = new_version()
            ttl = self.lifetime()
            shared.call(lambda: cache.set(self.published_until, marker, ttl))
        return f"{version}:{marker}"

    def lifetime(self):
        """Until the next scheduled change, or a day."""
        if self.upcoming is None:
            return DAY
        return max(1, min(DAY, int((self.upcoming - timezone.now()).total_seconds())))

    def seconds_to_live(self):
        self.version()
        return self.lifetime()


site = SiteCache("site")


def site_changed(**kwargs):
    """For signals: anything readers see changed."""
    site.clear()
