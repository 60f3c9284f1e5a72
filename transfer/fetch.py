"""An old blog's pages and pictures, read politely from its address or from a saved copy.

`Fetcher` reads a live site the way a careful robot does: it asks robots.txt first (and
keeps its Crawl-delay, up to a minute), names itself in its User-Agent, waits between
requests, tries a failing page again a few times, reads pages only from the blog's own
scheme, host and port (pictures also from the image hosts the site uses), and keeps every
answer in a cache folder, so a run that was interrupted, or a second one, asks the site for
nothing it already has. The start page may move within the site (from http to https, or to
www.): the blog is then read where it moved. `FolderFetcher` (transfer.saved) answers the
same questions from a saved copy of the site. `open_location` picks one of them.

Every failure is a FetchError whose message is one line for a person.
"""

import hashlib
import http.client
import json
import os
import socket
import ssl
import tempfile
import time
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener
from urllib.robotparser import RobotFileParser

from transfer import uploads
from transfer.saved import FolderFetcher
from transfer.web import (
    DEFAULT_PORTS,
    FetchError,
    Response,
    check_address,
    effective_port,
    has_credentials,
    join,
    refuse_private,
    site_name,
    without_credentials,
)

USER_AGENT = "align-importer/1.0 (+moving a blog to its new site)"
# Where a Weebly site keeps its pictures besides its own host.
WEEBLY_PICTURE_HOSTS = ("weebly.com", "editmysite.com", "weeblycloud.com")
MAX_BYTES = 32 * 1024 * 1024
TIMEOUT = 30
# A cached page is used for this long: a run after an interruption reads nothing again,
# and one a day later sees the comments written since. A picture that was had does not
# change; one that was missing may have come back.
PAGE_MAX_AGE = 24 * 60 * 60
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
GONE_STATUSES = {404, 410}
LONGEST_RETRY_AFTER = 60
# The longest wait between two requests, whatever --delay or robots.txt ask: a longer one
# would leave an import hanging for hours.
LONGEST_DELAY = 60


def open_location(location, *, delay=1.0, cache_dir=None, allow_private=False):
    """A Fetcher for an http(s) address, a FolderFetcher for a folder; FetchError else."""
    location = str(location)
    if location.startswith(("http://", "https://")):
        return Fetcher(location, delay=delay, cache_dir=cache_dir, allow_private=allow_private)
    if Path(location).is_dir():
        return FolderFetcher(location)
    raise FetchError(location, "neither a web address (http:// or https://) nor a folder.")


class Fetcher:
    def __init__(
        self,
        start_url,
        *,
        delay=1.0,
        cache_dir=None,
        allow_private=False,
        retries=3,
        timeout=TIMEOUT,
        max_bytes=MAX_BYTES,
        picture_hosts=WEEBLY_PICTURE_HOSTS,
    ):
        """`allow_private`: addresses on this machine or a private network may be read."""
        # Whether its host is private is asked on every request, redirects included.
        parts = check_address(start_url)
        self.start_url = urlunsplit(parts._replace(fragment=""))
        self.scheme, self.netloc, self.port = parts.scheme, parts.netloc, effective_port(parts)
        self.site = site_name(parts.hostname)
        self.picture_hosts = tuple(site_name(host) for host in picture_hosts)
        self.delay = min(max(delay, 0.0), LONGEST_DELAY)
        self.allow_private = allow_private
        self.retries, self.timeout, self.max_bytes = retries, timeout, max_bytes
        try:
            # The default is checked, as the kept uploads' folder is: a folder another user
            # made first could hand the import pages of their own. One the operator names
            # is taken as given.
            base = Path(cache_dir) if cache_dir else uploads.folder(uploads.CRAWLED)
        except uploads.UnsafeFolder as error:
            raise FetchError(self.start_url, str(error)) from None
        self.cache = base / self.site
        self.robots = {}  # scheme://host -> RobotFileParser
        self.last_request = None  # when the previous network request ended
        self.settled = False  # whether the first page's answer has fixed where the blog is
        self.notes = []  # (address, text): what a person should know of the reading
        # Pages are never redirected to a picture host, pictures may be.
        self.openers = {
            kind: build_opener(_Redirects(self, picture=kind)) for kind in (False, True)
        }

    def page_address(self, url):
        """`url` as this blog's own address (its scheme and host as read), or None when it
        is on another site."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or site_name(parts.hostname) != self.site:
            return None
        return urlunsplit((self.scheme, self.netloc, parts.path or "/", parts.query, ""))

    def allowed(self, url, *, picture=False):
        host = site_name(urlsplit(url).hostname)
        if host == self.site:
            return True
        return picture and self.picture_host(host)

    def picture_host(self, host):
        return any(host == h or host.endswith("." + h) for h in self.picture_hosts)

    def may_follow(self, url, *, picture):
        """Whether a redirect to `url` is followed: to the blog's own scheme, host and port
        (or from http to https), a picture also to a picture host (on its scheme's port).
        Before the first page is read, that page may move anywhere within the site."""
        try:
            parts = urlsplit(url)
            port = effective_port(parts)
        except ValueError:
            return False
        if parts.scheme not in DEFAULT_PORTS or has_credentials(parts):
            return False
        host = site_name(parts.hostname)
        if host != self.site:
            return picture and self.picture_host(host) and port == DEFAULT_PORTS[parts.scheme]
        if (not self.settled and not picture) or (parts.scheme, port) == (self.scheme, self.port):
            return True
        # The one change of scheme and port a site makes for every address.
        return (self.scheme, self.port, parts.scheme, port) == ("http", 80, "https", 443)

    def get(self, url, *, picture=False):
        """The answer for `url` (a page of the blog, or a picture): from the cache when it
        has it, else from the site. FetchError says why not."""
        url = url.split("#", 1)[0]
        if not url.startswith(("http://", "https://")) or join("", url) is None:
            raise FetchError(url, "not a web address.")
        if not self.allowed(url, picture=picture):
            raise FetchError(url, f"not on {self.site}, so not read.")
        cached = self._cached(url, picture=picture)
        if cached is None:
            try:
                robots = self._robots(url, picture)
            except FetchError as error:  # the site cannot be reached at all
                raise FetchError(url, error.reason) from None
            if not robots.can_fetch(USER_AGENT, url):
                raise FetchError(url, "the site's robots.txt asks robots not to read it.")
            cached = self._download(url, picture)
        answer = _answer(url, *cached)
        if not picture and not self.settled:
            self._settle(answer.url)
        return answer

    def _settle(self, final_url):
        """Later pages are asked for where the first one was found (https, www.), without
        a redirect each."""
        self.settled = True
        parts = urlsplit(final_url)
        if site_name(parts.hostname) == self.site:
            self.scheme, self.netloc, self.port = parts.scheme, parts.netloc, effective_port(parts)

    def _robots(self, url, picture):
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            address = origin + "/robots.txt"
            status, _, _, body = self._cached(address) or self._download(address, picture)
            robots = RobotFileParser(address)
            if status == 200:
                robots.parse(body.decode("utf-8", "replace").splitlines())
            else:  # none, or not shown to robots: nothing is asked (RFC 9309)
                robots.allow_all = True
            asked = float(robots.crawl_delay(USER_AGENT) or 0)
            if site_name(parts.hostname) == self.site and asked > self.delay:
                self.delay = min(asked, LONGEST_DELAY)
                if asked > LONGEST_DELAY:
                    wait = f"{asked:g} seconds between requests: {LONGEST_DELAY} are waited"
                    self.notes.append((address, f"its Crawl-delay asks for {wait}"))
            self.robots[origin] = robots
        return self.robots[origin]

    def _cached(self, url, *, picture=False):
        """A kept answer: a picture that was had for good, anything else for a day."""
        path = self._cache_path(url)
        try:
            age = time.time() - path.stat().st_mtime
            with path.open("rb") as file:
                head = json.loads(file.readline())
                if age > PAGE_MAX_AGE and not (picture and head["status"] == 200):
                    return None
                return head["status"], head["url"], head["type"], file.read()
        except (OSError, ValueError, KeyError):
            return None

    def _cache_path(self, url):
        return self.cache / hashlib.sha256(url.encode()).hexdigest()

    def _keep(self, url, status, final_url, content_type, body):
        """Written whole or not at all, so an interrupted run leaves no half page."""
        self.cache.mkdir(parents=True, exist_ok=True)
        head = json.dumps({"status": status, "url": final_url, "type": content_type})
        with tempfile.NamedTemporaryFile(dir=self.cache, delete=False) as file:
            file.write(head.encode() + b"\n" + body)
        os.replace(file.name, self._cache_path(url))
        return status, final_url, content_type, body

    def _download(self, url, picture=False):
        """(status, final address, content type, body) from the site, kept in the cache.
        Pages that are gone are kept too, so they are not asked for again; another refusal
        (4xx) is not kept, since it may pass. FetchError when the site cannot be reached or
        keeps failing (5xx)."""
        if not self.allow_private:
            refuse_private(url)
        request = Request(url, headers={"User-Agent": USER_AGENT})
        for attempt in range(self.retries + 1):
            self._wait()
            pause = min((self.delay or 0.05) * 2**attempt, LONGEST_RETRY_AFTER)
            try:
                with self.openers[picture].open(request, timeout=self.timeout) as response:
                    body = response.read(self.max_bytes + 1)
                    if len(body) > self.max_bytes:
                        limit = f"larger than {self.max_bytes // 2**20} MB, so not read."
                        raise FetchError(url, limit)
                    kind = response.headers.get_content_type()
                    return self._keep(url, 200, response.url, kind, body)
            except HTTPError as error:
                if error.code in GONE_STATUSES:
                    return self._keep(url, error.code, url, "", b"")
                if error.code < 500 and error.code not in RETRY_STATUSES:
                    return error.code, url, "", b""
                if attempt == self.retries:
                    answer = f"{error.code} {error.reason or ''}".strip()
                    raise FetchError(url, f"the site answered {answer}.") from None
                pause = max(pause, _retry_after(error.headers.get("Retry-After")))
            except (URLError, OSError, ValueError, http.client.HTTPException) as error:
                reason, again = _reason(error)
                if not again or attempt == self.retries:
                    raise FetchError(url, f"{reason}.") from None
            finally:
                self.last_request = time.monotonic()
            time.sleep(pause)

    def _wait(self):
        if self.last_request is not None:
            time.sleep(max(0.0, self.last_request + self.delay - time.monotonic()))


class _Redirects(HTTPRedirectHandler):
    """Follows a redirect only to where the fetcher may read (Fetcher.may_follow), and
    only to a public address unless private ones are allowed."""

    def __init__(self, fetcher, *, picture):
        self.fetcher, self.picture = fetcher, picture

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not self.fetcher.may_follow(newurl, picture=self.picture):
            shown = without_credentials(urlsplit(newurl))
            raise FetchError(req.full_url, f"it leads to {shown}, elsewhere, so not read.")
        if not self.fetcher.allow_private:
            refuse_private(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _answer(url, status, final_url, content_type, body):
    if status in GONE_STATUSES:
        raise FetchError(url, f"the site has no such page ({status}).")
    if status in (401, 403):
        raise FetchError(url, f"the site does not show it to visitors ({status}).")
    if status != 200:
        raise FetchError(url, f"the site answered {status}.")
    return Response(final_url, body, content_type)


def _reason(error):
    """What went wrong, for a person, and whether trying again may help."""
    cause = error.reason if isinstance(error, URLError) else error
    if isinstance(cause, socket.gaierror):
        return "no such site (its name is unknown)", False
    if isinstance(cause, TimeoutError):
        return "the site took too long to answer", True
    if isinstance(cause, ConnectionRefusedError):
        return "the site refused the connection (is the address right?)", True
    if isinstance(cause, ssl.SSLError):
        return f"its secure connection failed ({cause.reason or cause})", False
    if isinstance(cause, ValueError | http.client.InvalidURL):  # a port that is no number
        return f"not an address that can be read ({cause})", False
    if isinstance(cause, http.client.HTTPException | ConnectionError):
        return "the connection broke off", True
    return f"cannot read it ({getattr(cause, 'strerror', None) or cause})", True


def _retry_after(value):
    try:
        return min(float(value), LONGEST_RETRY_AFTER)
    except (TypeError, ValueError):
        return 0.0
