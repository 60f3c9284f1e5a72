"""Reader pages from the cache, holding nothing of any one visitor's.

Everything a reader sees changes only when the therapist or a commenter writes, so pages
are cached under a site-wide version that every write bumps (signals in the apps'
ready(); a comment also bumps its post's thread version). Visitors with a cookie of their
own get either the cached page adapted to them in a moment (their own pending comments
spliced in: register_personal_cookie with `adapt`), or, for a message or a login, a page
built for them, still from the cached comment thread. A cached page holds nothing of any
one visitor's (no CSRF token, no form stamp: the comment form asks for those when the
visitor starts writing), so a shared HTTP cache may serve it to every stranger.

This module imports no app: the apps tell it, from their AppConfig.ready(), which cookies
make a page personal and how to adapt a page to one (register_personal_cookie), and when
the next scheduled change appears (register_schedule).

The shared cache is an accelerator, never a dependency: when it fails, pages are built
uncached and writes still commit (see shared()).
"""

import copy
import hashlib
import logging
import time
import uuid
from functools import partial, wraps

from django.core.cache import cache, caches
from django.db import transaction
from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_vary_headers

from align import httpcache
from align.numbers import page_number

logger = logging.getLogger(__name__)
STATE_SECONDS = 1.0
# This process's copy of content_state(), until when it holds, and the next scheduled change.
_state = [None, 0.0, None]
OUTAGE_SECONDS = 1.0
_down_until = [0.0]  # after a failure, the shared cache is left alone until then
_owed = set()  # versions bumped while the shared cache failed: written once it answers
SITE = "version:site"
PUBLISHED_UNTIL = "version:published-until"
DAY = 24 * 3600
PERSONAL_COOKIES = []
ADAPTERS = {}  # cookie name -> adapt(request, page bytes, notes): the page for that visitor
PART_PARAMETERS = []  # query parameters numbering a part of a page (comment pages)
_schedule = [lambda: None]


def register_personal_cookie(*names, adapt=None):
    """Cookies that make a page its visitor's own; its ETag changes with each one's value.

    Without `adapt`, such a page is built for its visitor (never from or into the cache).
    With it, the visitor gets the page strangers get, cached, passed through
    `adapt(request, page, notes)`: the page's bytes for this visitor, given what the view
    noted about the page when it was built (see note()).
    """
    PERSONAL_COOKIES.extend(name for name in names if name not in PERSONAL_COOKIES)
    if adapt is not None:
        ADAPTERS.update(dict.fromkeys(names, adapt))


def note(request, **values):
    """What a view tells the page cache about the page it builds (which post, which part of
    its thread): kept with the cached page, for the functions that adapt it."""
    if not hasattr(request, "page_notes"):
        request.page_notes = {}
    request.page_notes.update(values)


def register_part_parameter(name):
    """A query parameter that numbers a part of a page, such as `cpage` for a post's
    comment pages: `?name=N` (N >= 2, as its links write it) is an address of its own,
    cached like the page, for views that read it with part_number()."""
    if name not in PART_PARAMETERS:
        PART_PARAMETERS.append(name)


def part_number(request, name):
    """The part of the page `request` asks for under `name`: 1 when it names none, None when
    the value is not written as the page's links write it. Marks `name` as read, so the
    page cache knows this view answers such addresses (see checked_parts())."""
    if not hasattr(request, "parts_read"):
        request.parts_read = set()
    request.parts_read.add(name)
    values = request.GET.getlist(name)
    if not values:
        return 1
    number = page_number(values[0]) if len(values) == 1 else None
    return number if number and number > 1 else None


def part_query(request):
    """'?cpage=2' or '': the part of the page the address names, for its canonical URL."""
    for name in PART_PARAMETERS:
        values = request.GET.getlist(name)
        number = page_number(values[0]) if len(values) == 1 else None
        if number and number > 1:
            return f"?{name}={number}"
    return ""


def register_schedule(next_change):
    """`next_change()`: when something scheduled (a post) next appears, or None. Pages are
    kept until then, and the ETag changes then, since nothing is written at that moment."""
    _schedule[0] = next_change


class Local:
    """Versioned pages and fragments, in each process's memory: their keys carry versions
    from the shared cache, so a write anywhere still makes them stale everywhere, while
    serving one costs no network round trip."""

    def __getattr__(self, name):
        return getattr(caches["local"], name)


local = Local()


def shared(operation, otherwise=None):
    """What `operation` gets from the shared cache or, if the cache fails, `otherwise()`.

    After a failure the cache is left alone for a second: an outage costs each process
    one slow call a second (settings give Redis short timeouts) and one log line.
    """
    if _down_until[0] and time.monotonic() < _down_until[0]:
        return otherwise and otherwise()
    try:
        value = operation()
    except Exception as error:  # whatever the backend raises: Redis down, a full disk...
        if not _down_until[0]:
            logger.warning(
                "Shared cache failed (%s: %s), pages are built uncached",
                type(error).__name__,
                error,
            )
        _down_until[0] = time.monotonic() + OUTAGE_SECONDS
        return otherwise and otherwise()
    if _down_until[0]:
        _down_until[0] = 0.0
        logger.info("Shared cache answers again")
    return value


def forget_outage():
    """Tries the shared cache again at the next call, failed lately or not."""
    _down_until[0] = 0.0


def new_version():
    return uuid.uuid4().hex


def version(key=SITE):
    """The current version of `key`: a new one if the cache forgot it, and a new one at
    every call while it fails, so nothing cached before the failure is served."""
    return shared(lambda: cache.get(key) or first_version(key), new_version)


def first_version(key):
    """A new version for `key`, unless another process has just stored one: then that."""
    value = new_version()
    return value if cache.add(key, value, None) else cache.get(key, value)


def bump(*keys):
    """Marks everything cached under these versions as stale, now and after the commit.

    Now: this request's own next read sees the change. After the commit: a page rendered
    by another request in between, from data not yet committed, is not kept. Never
    raises: a write is not lost for want of a cache.
    """

    def new_versions():
        forget_content_state()
        _owed.update(keys)
        write_owed_versions()

    new_versions()
    transaction.on_commit(new_versions)


def write_owed_versions():
    """New versions for the keys bumped here since the shared cache last answered.

    A Redis that was only unreachable still holds the old versions; until these are
    written, other processes could serve pages from before the outage.
    """
    keys = set(_owed)
    if shared(partial(write_versions, keys)):
        _owed.difference_update(keys)


def write_versions(keys):
    cache.set_many({key: new_version() for key in keys}, None)
    if SITE in keys:
        cache.delete(PUBLISHED_UNTIL)  # a post's schedule may have changed
    return True


def site_changed(**kwargs):
    bump(SITE)


def seconds_to_live():
    """Until the next scheduled change (a post appears: lists and neighbours change), or a
    day."""
    content_state()
    return lifetime(_state[2])


def lifetime(upcoming):
    if upcoming is None:
        return DAY
    return max(1, min(DAY, int((upcoming - timezone.now()).total_seconds())))


def content_state():
    """The site version, plus a marker that changes when a scheduled post appears, since
    nothing is written then: cached pages and ETags follow both.

    Read from the shared cache at most once a second per process (a write in this process
    forgets it at once), so a busy worker does not pay a network round trip per request;
    another container's write shows here within that second.
    """
    remembered, until, _ = _state
    if remembered and time.monotonic() < until:
        return remembered
    if _owed:
        write_owed_versions()
    upcoming = _schedule[0]()  # asked once per state, not per page or fragment
    _state[:] = [read_content_state(upcoming), time.monotonic() + STATE_SECONDS, upcoming]
    return _state[0]


def forget_content_state():
    _state[:] = [None, 0.0, None]


def read_content_state(upcoming):
    state = shared(partial(cache.get_many, [SITE, PUBLISHED_UNTIL]), dict)
    site = state.get(SITE) or shared(partial(first_version, SITE), new_version)
    marker = state.get(PUBLISHED_UNTIL)
    if marker is None:
        marker = new_version()
        shared(partial(cache.set, PUBLISHED_UNTIL, marker, lifetime(upcoming)))
    return f"{site}:{marker}"


def cached_value(name, build):
    """A fragment (sidebar lists) cached under the site version."""
    key = f"fragment:{name}:{content_state()}"
    value = local.get(key)
    if value is None:
        value = build()
        local.set(key, value, seconds_to_live())
    return value


def personal(request):
    """The visitor has state of their own that the page shows. (An empty cookie holds none:
    it is what a cookie deleted by a response looks like to a client that keeps sending it.)"""
    return any(request.COOKIES.get(name) for name in PERSONAL_COOKIES)


def private_get(request):
    """A GET of this visitor's for a page drawn for them alone, such as a form sent back with
    its errors: reader_page neither caches it nor answers it with a 304. The request itself
    is left as it came (a POST), for the middleware that still sees it."""
    page_request = copy.copy(request)
    page_request.method = "GET"
    page_request.private_page = True
    return page_request


def etag_for(request, site):
    """Changes with the content and with every cookie the page depends on (not the CSRF
    cookie: no page holds a token)."""
    cookies = [request.COOKIES.get(name, "") for name in PERSONAL_COOKIES]
    state = (site, request.build_absolute_uri(), cookies)
    return f'"{hashlib.sha256(repr(state).encode()).hexdigest()[:32]}"'


def reader_page(view, *, paginated=False):
    """Caches a reader page's HTML and answers conditional GETs with 304.

    A `paginated` view takes ?page=N, N >= 2, and answers 404 for a page it does not have.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or getattr(request, "private_page", False):
            return view(request, *args, **kwargs)
        httpcache.reader(request, personal(request))  # who else may keep the answer
        if "page" in request.GET and (elsewhere := off_page(request, paginated)):
            return elsewhere
        if elsewhere := off_part(request):
            return elsewhere
        site = content_state()
        etag = etag_for(request, site)
        # Django reads If-None-Match as the RFC does: a list of tags, weak ones, "*".
        response = get_conditional_response(request, etag=etag)
        if response is None:
            response = built_page(request, view, args, kwargs, site)
        if response.status_code in (200, 304):
            response["ETag"] = etag
            patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def off_page(request, paginated):
    """Where a `page` the view does not take leads: to the page's own address (page 1, or a
    view without pages), or to a 404 (a page written otherwise than its links write it).

    So one page has one address, and the cache cannot be filled with made-up ones.
    """
    values = request.GET.getlist("page")
    page = page_number(values[0]) if paginated and len(values) == 1 else None
    if page and page > 1:
        return None
    if page is None and paginated:
        raise Http404("No such page.")
    query = request.GET.copy()
    del query["page"]
    return HttpResponsePermanentRedirect(
        f"{request.path}?{query.urlencode()}" if query else request.path
    )


def off_part(request):
    """Where a part parameter leads: `?cpage=1` to the page's own address, anything else
    not written as its links write it to a 404."""
    for name in PART_PARAMETERS:
        values = request.GET.getlist(name)
        if not values:
            continue
        if values == ["1"]:
            query = request.GET.copy()
            del query[name]
            return HttpResponsePermanentRedirect(
                f"{request.path}?{query.urlencode()}" if query else request.path
            )
        if len(values) != 1 or not page_number(values[0]):
            raise Http404("No such part of this page.")
    return None


def checked_parts(request, response):
    """`response`, unless the address names a part the view did not read (`?cpage=3` on a
    page without comment pages): that address is not the page's, so it is a 404."""
    asked = {name for name in PART_PARAMETERS if name in request.GET}
    if asked - getattr(request, "parts_read", set()):
        raise Http404("This page has no such part.")
    return response


def built_page(request, view, args, kwargs, site):
    for_them = any(request.COOKIES.get(name) for name in PERSONAL_COOKIES if name not in ADAPTERS)
    if for_them or set(request.GET) - {"page", *PART_PARAMETERS}:
        # Other query strings are not cached, so no one can fill the cache with them.
        return checked_parts(request, render(view(request, *args, **kwargs)))
    return shared_page(request, view, args, kwargs, site)


def render(response):
    if hasattr(response, "render"):
        response.render()
    return response


def shared_page(request, view, args, kwargs, site):
    # Scheme and host too: the page holds absolute links (canonical, og:url, JSON-LD).
    key = "page:" + hashlib.sha256(f"{site}:{request.build_absolute_uri()}".encode()).hexdigest()
    adapters = list(dict.fromkeys(ADAPTERS[n] for n in ADAPTERS if request.COOKIES.get(n)))
    cached = local.get(key)
    if cached is None:
        # Built as a stranger sees it, even for a visitor whose cookies adapt it afterwards.
        stranger = as_stranger(request) if adapters else request
        response = checked_parts(stranger, render(view(stranger, *args, **kwargs)))
        if response.status_code != 200 or response.cookies:
            return response
        cached = (response.content, getattr(stranger, "page_notes", {}))
        local.set(key, cached, seconds_to_live())
    content, notes = cached
    for adapt in adapters:
        content = adapt(request, content, notes)
    return HttpResponse(content)


def as_stranger(request):
    """A copy of `request` without the cookies whose pages are adapted after the cache."""
    stranger = copy.copy(request)
    stranger.COOKIES = {k: v for k, v in request.COOKIES.items() if k not in ADAPTERS}
    return stranger
