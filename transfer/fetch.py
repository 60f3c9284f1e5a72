"""An old blog's pages and pictures, read politely from its address or from a saved copy.

`Fetcher` reads a live site the way a careful robot does: it asks robots.txt first (and
keeps its Crawl-delay), names itself in its User-Agent, waits between requests, tries a
failing page again a few times, reads pages only from the blog's own host (pictures also
from the image hosts the site uses), and keeps every answer in a cache folder, so a run
that was interrupted, or a second one, asks the site for nothing it already has.
`FolderFetcher` answers the same questions from a saved copy of the site: a `wget
--mirror` folder or an Internet Archive download. `open_location` picks one of them.

Every failure is a FetchError whose message is one line for a person.
"""

import hashlib
import http.client
import json
import os
import re
import socket
import ssl
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener
from urllib.robotparser import RobotFileParser

USER_AGENT = "align-importer/1.0 (+moving a blog to its new site)"
# Where a Weebly site keeps its pictures besides its own host.
WEEBLY_PICTURE_HOSTS = ("weebly.com", "editmysite.com", "weeblycloud.com")
MAX_BYTES = 32 * 1024 * 1024
TIMEOUT = 30
# A cached page is used for this long: a run after an interruption reads nothing again,
# and one a day later sees the comments written since. Pictures do not change.
PAGE_MAX_AGE = 24 * 60 * 60
RETRY_STATUSES = {408, 425, 429, 500, 502, 503, 504}
GONE_STATUSES = {404, 410}
LONGEST_RETRY_AFTER = 60
# How far a saved copy's front page is looked for: wget puts it at host/blog/index.html.
SEARCH_DEPTH, SEARCH_ENTRIES, MAX_PAGE_LOOKED_AT = 5, 50_000, 2 * 1024 * 1024
# The Wayback Machine's own prefix on the addresses in its copies.
ARCHIVE_PREFIX = re.compile(r"^(?:https?://web\.archive\.org)?/web/\d{1,14}[a-z_]*/", re.I)


class FetchError(Exception):
    """A page or picture that cannot be had; the message (its address: why) is one line."""

    def __init__(self, url, reason):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason = url, reason


@dataclass
class Response:
    url: str  # where the answer came from, after redirects
    body: bytes
    content_type: str = ""


def open_location(location, *, delay=1.0, cache_dir=None):
    """A Fetcher for an http(s) address, a FolderFetcher for a folder; FetchError else."""
    location = str(location)
    if location.startswith(("http://", "https://")):
        return Fetcher(location, delay=delay, cache_dir=cache_dir)
    if Path(location).is_dir():
        return FolderFetcher(location)
    raise FetchError(location, "neither a web address (http:// or https://) nor a folder.")


def site_name(host):
    """A host as the blog's identity: www.example.com and example.com are one blog."""
    return (host or "").lower().removeprefix("www.")


class Fetcher:
    def __init__(
        self,
        start_url,
        *,
        delay=1.0,
        cache_dir=None,
        retries=3,
        timeout=TIMEOUT,
        max_bytes=MAX_BYTES,
        picture_hosts=WEEBLY_PICTURE_HOSTS,
    ):
        parts = urlsplit(start_url.strip())
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(start_url, "not a web address (http:// or https://).")
        self.start_url = urlunsplit(parts._replace(fragment=""))
        self.scheme, self.netloc = parts.scheme, parts.netloc
        self.site = site_name(parts.hostname)
        self.picture_hosts = tuple(site_name(host) for host in picture_hosts)
        self.delay, self.retries, self.timeout, self.max_bytes = delay, retries, timeout, max_bytes
        base = Path(cache_dir) if cache_dir else Path(tempfile.gettempdir()) / "align-crawl"
        self.cache = base / self.site
        self.robots = {}  # scheme://host -> RobotFileParser
        self.last_request = None  # when the previous network request ended
        self.opener = build_opener(_Redirects(self))

    def page_address(self, url):
        """`url` as this blog's own address (its scheme and host as typed), or None when it
        is on another site."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or site_name(parts.hostname) != self.site:
            return None
        return urlunsplit((self.scheme, self.netloc, parts.path or "/", parts.query, ""))

    def allowed(self, url, *, picture=False):
        host = site_name(urlsplit(url).hostname)
        if host == self.site:
            return True
        return picture and any(host == h or host.endswith("." + h) for h in self.picture_hosts)

    def get(self, url, *, picture=False):
        """The answer for `url` (a page of the blog, or a picture): from the cache when it
        has it, else from the site. FetchError says why not."""
        url = url.split("#", 1)[0]
        if not url.startswith(("http://", "https://")):
            raise FetchError(url, "not a web address.")
        if not self.allowed(url, picture=picture):
            raise FetchError(url, f"not on {self.site}, so not read.")
        cached = self._cached(url, PAGE_MAX_AGE if not picture else None)
        if cached is None:
            try:
                robots = self._robots(url)
            except FetchError as error:  # the site cannot be reached at all
                raise FetchError(url, error.reason) from None
            if not robots.can_fetch(USER_AGENT, url):
                raise FetchError(url, "the site's robots.txt asks robots not to read it.")
            cached = self._download(url)
        return _answer(url, *cached)

    def _robots(self, url):
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.robots:
            address = origin + "/robots.txt"
            status, _, _, body = self._cached(address, PAGE_MAX_AGE) or self._download(address)
            robots = RobotFileParser(address)
            if status == 200:
                robots.parse(body.decode("utf-8", "replace").splitlines())
            else:  # none, or not shown to robots: nothing is asked (RFC 9309)
                robots.allow_all = True
            if site_name(parts.hostname) == self.site:
                self.delay = max(self.delay, float(robots.crawl_delay(USER_AGENT) or 0))
            self.robots[origin] = robots
        return self.robots[origin]

    def _cached(self, url, max_age):
        path = self._cache_path(url)
        try:
            if max_age is not None and time.time() - path.stat().st_mtime > max_age:
                return None
            with path.open("rb") as file:
                head = json.loads(file.readline())
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

    def _download(self, url):
        """(status, final address, content type, body) from the site, kept in the cache.
        Pages that are gone are kept too, so they are not asked for again; another refusal
        (4xx) is not kept, since it may pass. FetchError when the site cannot be reached or
        keeps failing (5xx)."""
        request = Request(url, headers={"User-Agent": USER_AGENT})
        for attempt in range(self.retries + 1):
            self._wait()
            pause = (self.delay or 0.05) * 2**attempt
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
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
            except (URLError, OSError, http.client.HTTPException) as error:
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
    """Follows a redirect only to where the fetcher may read: a page moved to another
    site is not the blog's."""

    def __init__(self, fetcher):
        self.fetcher = fetcher

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        if not self.fetcher.allowed(newurl, picture=True):
            raise FetchError(req.full_url, f"it leads to {newurl}, another site, so not read.")
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
    if isinstance(cause, http.client.HTTPException | ConnectionError):
        return "the connection broke off", True
    return f"cannot read it ({getattr(cause, 'strerror', None) or cause})", True


def _retry_after(value):
    try:
        return min(float(value), LONGEST_RETRY_AFTER)
    except (TypeError, ValueError):
        return 0.0


class FolderFetcher:
    """Pages and pictures from a saved copy: addresses become file paths, with or without
    the host's folder, .html and index.html, and the Wayback Machine's prefix."""

    PAGE_MARK = b"blog-post-"

    def __init__(self, folder):
        self.root = Path(folder).resolve()
        if not self.root.is_dir():
            raise FetchError(folder, "no such folder.")
        hosts = [p for p in self.root.iterdir() if p.is_dir() and _host_like(p.name)]
        self.host_folders = {site_name(_host_of(p.name)): p for p in hosts}
        start = self._blog_index()
        if start is None:
            raise FetchError(folder, "no saved page of a Weebly blog in this folder.")
        self.site_root = next(
            (p for p in self.host_folders.values() if p in start.parents), self.root
        )
        named = self.site_root.name
        self.site = (
            (site_name(_host_of(named)) if _host_like(named) else "")
            or _named_site(start.read_bytes())
            or site_name(named)
        )
        self.start_url = self._address_of(start)

    def page_address(self, url):
        """Every page of the copy is the blog's: the address on this copy's own host."""
        parts = urlsplit(_unarchived(url))
        if parts.scheme not in ("http", "https"):
            return None
        return urlunsplit(("http", self.site, parts.path or "/", parts.query, ""))

    def get(self, url, *, picture=False):
        url = _unarchived(url.split("#", 1)[0])
        path = self._file_for(url)
        if path is None:
            raise FetchError(url, "not in the saved copy.")
        try:
            body = path.read_bytes()
        except OSError as error:
            raise FetchError(url, f"cannot read {path} ({error.strerror}).") from None
        return Response(self._address_of(path), body)

    def _blog_index(self):
        """The shallowest saved page that lists posts without being one (the blog's front
        page), else the shallowest with a post; a few folders down at most."""
        level, with_post, seen = [self.root], None, 0
        for _ in range(SEARCH_DEPTH):
            pages, folders = [], []
            for folder in level:
                try:
                    entries = sorted(folder.iterdir())
                except OSError:
                    continue
                seen += len(entries)
                folders += [e for e in entries if e.is_dir()]
                pages += [e for e in entries if e.is_file() and _page_like(e)]
            for page in sorted(pages, key=lambda p: p.name != "index.html"):
                try:
                    with page.open("rb") as file:
                        data = file.read(MAX_PAGE_LOOKED_AT)
                except OSError:
                    continue
                if self.PAGE_MARK in data:
                    if b"commentArea" not in data:
                        return page
                    with_post = with_post or page
            if seen > SEARCH_ENTRIES:
                break
            level = folders
        return with_post

    def _address_of(self, path):
        relative = path.relative_to(self.site_root).as_posix()
        if relative == "index.html" or relative.endswith("/index.html"):
            relative = relative.removesuffix("index.html")
        return f"http://{self.site}/{relative}"

    def _file_for(self, url):
        parts = urlsplit(url)
        words = [w for w in unquote(parts.path).split("/") if w not in ("", ".", "..")]
        # wget --span-hosts keeps each host's files in a folder of its own name, and links
        # to them climb out of the blog's folder into the one holding them all.
        host_folder = self.host_folders.get(site_name(parts.hostname))
        roots = dict.fromkeys(filter(None, [host_folder, self.site_root, self.root]))
        query = f"?{parts.query}" if parts.query else ""
        for root in roots:
            # The longest tail first: a copy may hold the blog's folder without the site's.
            for start in range(max(len(words), 1)):
                for name in _file_names("/".join(words[start:]), query):
                    candidate = root / name
                    if candidate.is_file() and self.root in candidate.resolve().parents:
                        return candidate
        return None


def _file_names(tail, query):
    """The names wget and the Archive's downloaders give a page: as it is (with its query),
    with .html added, or as a folder's index.html."""
    stem = tail.rstrip("/")
    if not stem:
        return ["index.html"]
    names = [stem + query, stem] if query else [stem]
    return [*names, *(f"{name}.html" for name in names), f"{stem}/index.html"]


def _unarchived(url):
    """An address in an Internet Archive copy as the page's own address."""
    parts = urlsplit(url)
    path = urlunsplit(("", "", parts.path, parts.query, ""))
    match = ARCHIVE_PREFIX.match(path)
    if not match:
        return url
    rest = path[match.end() :]
    return rest if rest.startswith(("http://", "https://")) else urljoin(url, "/" + rest)


def _host_like(name):
    """A folder named as wget names a host's: www.example.com, 127.0.0.1:8000 (or +8000)."""
    return bool(re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+([:+]\d+)?", name))


def _host_of(name):
    return re.split(r"[:+]", name)[0]


def _page_like(path):
    return path.suffix.lower() in (".html", ".htm") or "." not in path.name


def _named_site(data):
    """The host a saved page names as its own (og:url or its canonical link), if any."""
    match = re.search(
        rb"""(?:property=["']og:url["'][^>]*content|rel=["']canonical["'][^>]*href)"""
        rb"""=["'](https?://[^"'/]+)""",
        data,
    )
    return site_name(urlsplit(match[1].decode("ascii", "replace")).hostname) if match else ""
