"""An old blog's pages and pictures read from a saved copy of its site: a `wget --mirror`
folder or an Internet Archive download, answering what transfer.fetch.Fetcher answers for a
live site."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

from transfer.web import FetchError, Response, join, site_name

# How far a saved copy's front page is looked for: wget puts it at host/blog/index.html.
SEARCH_DEPTH, SEARCH_ENTRIES, MAX_PAGE_LOOKED_AT = 5, 50_000, 2 * 1024 * 1024
# The Wayback Machine's own prefix on the addresses in its copies.
ARCHIVE_PREFIX = re.compile(r"^(?:https?://web\.archive\.org)?/web/\d{1,14}[a-z_]*/", re.I)


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
        self.notes = []  # what a person should know of the reading: nothing, from files

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
    return rest if rest.startswith(("http://", "https://")) else join(url, "/" + rest) or url


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
    named = match and join("", match[1].decode("ascii", "replace"))
    return site_name(urlsplit(named).hostname) if named else ""
