"""Read a whole Weebly blog from its address or a saved copy (`--format weebly-site`).

Weebly has no blog export, so the blog is read as a browser shows it. Its index pages
(`<blog>/`, then older ones linked from `div.blog-page-nav-previous`), month archives and
topics (the sidebar's `.blog-archive-list` and `.blog-category-list`) list the posts, each a
`div.blog-post` with the id `blog-post-<number>` and a link to its own page. That page holds
the post (`.blog-title`, `.date-text`, `.blog-content`, read by transfer.weebly_body) and,
in `#commentArea`, its comments (read by transfer.weebly_comments).

Classes are matched by what they contain and every part may be missing: what cannot be
read is noted with the page's address, and a post whose page cannot be read is skipped.
Keys: `weebly-site:<host>/<post number>` and `weebly-site:<host>/comment/<id>`, so a later
run adds only new posts and comments. Dates read as --date-order says (month/day/year by
default; transfer.weebly_dates).
"""

import re
from collections import deque
from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

from transfer import weebly_body, weebly_comments
from transfer.fetch import FetchError
from transfer.records import PostRecord, Source, UnreadableSource
from transfer.web import join
from transfer.weebly_dates import Dates

POST_ID = re.compile(r"^blog-post-(\d+)$")
COMMENT_COUNT = re.compile(r"(\d+)\s+Comments?", re.I)
SIDEBAR_COUNT = re.compile(r"\s*\(\d+\)\s*$")  # "Hips (3)"
LIST_LINKS = (
    '[class*="blog-page-nav"] a[href]',
    '[class*="blog-archive-list"] a[href]',
    '[class*="blog-category-list"] a[href]',
)
MAX_LIST_PAGES = 5000  # a blog's lists are far fewer; a trap of endless pages is not


def read(fetcher, *, timezone, date_order="mdy", progress=None):
    """Every post of the blog `fetcher` reads (transfer.fetch.open_location: its address or
    a folder of saved pages) with its comments, as a Source.

    Dates are local time in `timezone`; `date_order` is "mdy" or "dmy";
    `progress(done, known)` is told of each page read. UnreadableSource: not a blog."""
    return _Blog(fetcher, timezone, date_order, progress).read()


@dataclass
class _Listed:
    """A post as a list showed it: where its own page is, and the topics listing it."""

    number: str
    url: str | None
    where: str
    categories: list[str] = field(default_factory=list)
    said_comments: int | None = None
    element: object = None  # the list's copy, read when the post has no page of its own


class _Blog:
    def __init__(self, fetcher, timezone, date_order, progress):
        self.fetcher = fetcher
        self.progress = progress
        self.source = Source(format="weebly-site")
        self.dates = Dates(date_order, timezone, self.source)
        self.listed = {}  # post number -> _Listed, in the order found
        self.lists = set()  # the list pages found, as _page_key()s
        self.pages_read = 0

    def read(self):
        start = self.fetcher.start_url
        try:
            first = self.fetcher.get(start)
        except FetchError as error:
            raise UnreadableSource(str(error)) from None
        self._tick()
        soup = BeautifulSoup(first.body, "html.parser")
        if not _post_elements(soup):
            raise UnreadableSource(
                f"{start}: not a Weebly blog (no post in a div.blog-post on the page). Give "
                "the blog's own address, such as https://www.example.com/blog."
            )
        self._walk_lists(first, soup)
        for listed in self.listed.values():
            post = self._post(listed)
            if post:
                self.source.posts.append(post)
        self.source.posts.sort(key=lambda p: (p.published_at is None, p.published_at or 0))
        self.dates.note_order(self.fetcher.start_url)
        for where, text in self.fetcher.notes:
            self.source.note(where, text)
        self.fetcher.notes.clear()
        return self.source

    def _tick(self):
        self.pages_read += 1
        if self.progress:
            known = len(self.lists) + sum(1 for p in self.listed.values() if p.url)
            self.progress(self.pages_read, max(known, self.pages_read))

    def _walk_lists(self, first, soup):
        """Every post the blog's lists name: its index pages, month archives and topics."""
        start = self.fetcher.page_address(first.url) or first.url
        self.lists.add(_page_key(start))
        queue, url = deque([(start, None)]), first.url
        while queue:
            address, topic = queue.popleft()
            if soup is None:
                try:
                    response = self.fetcher.get(address)
                except FetchError as error:
                    self.source.note(address, f"a list of posts could not be read: {error.reason}")
                    continue
                finally:
                    self._tick()
                soup, url = BeautifulSoup(response.body, "html.parser"), response.url
            self._list(soup, url, topic)
            for selector in LIST_LINKS:
                for link in soup.select(selector):
                    found = self._page_address(url, link["href"])
                    if found is None or _page_key(found) in self.lists:
                        continue
                    if len(self.lists) >= MAX_LIST_PAGES:
                        self.source.note(found, f"more than {MAX_LIST_PAGES} lists: not read")
                        return
                    self.lists.add(_page_key(found))
                    queue.append((found, _topic(link) if "category" in selector else topic))
            soup = None

    def _list(self, soup, url, topic):
        for element in _post_elements(soup):
            number = POST_ID.match(element["id"])[1]
            listed = self.listed.get(number)
            if listed is None:
                link = element.select_one('[class*="blog-title"] a[href]')
                address = link and self._page_address(url, link["href"])
                count = element.select_one('[class*="blog-comments"]')
                said = count and COMMENT_COUNT.search(count.get_text(" "))
                listed = self.listed[number] = _Listed(
                    number,
                    address,
                    address or url,
                    said_comments=int(said[1]) if said else None,
                    element=None if address else element,
                )
            if topic and topic not in listed.categories:
                listed.categories.append(topic)

    def _post(self, listed):
        if listed.url is None:
            self.source.note(
                listed.where,
                f"post {listed.number} has no page of its own: read from the list, without "
                "comments",
            )
            return self._readable(listed, listed.element, None)
        try:
            response = self.fetcher.get(listed.url)
        except FetchError as error:
            self.source.note(listed.url, f"the post's page could not be read: {error.reason}")
            self.source.skip("unreadable post page")
            return None
        finally:
            self._tick()
        soup = BeautifulSoup(response.body, "html.parser")
        posts = _post_elements(soup)
        element = next((p for p in posts if p["id"] == f"blog-post-{listed.number}"), None)
        if element is None and len(posts) == 1:
            element = posts[0]
        if element is None:
            self.source.note(listed.url, "the post is not on its own page: skipped")
            self.source.skip("unreadable post page")
            return None
        return self._readable(listed, element, soup)

    def _readable(self, listed, element, page):
        """The post's record; what no rule here foresaw costs this post, not the blog."""
        try:
            return self._record(listed, element, page)
        except ValueError as error:
            where = listed.url or listed.where
            self.source.note(where, f"the post could not be read ({error}): skipped")
            self.source.skip("unreadable post page")
            return None

    def _page_address(self, base, href):
        """A link's address as this blog's own page, or None (another site, or malformed)."""
        address = join(base, href)
        return address and self.fetcher.page_address(address)

    def _record(self, listed, element, page):
        url = listed.url or listed.where
        key = f"weebly-site:{self.fetcher.site}/{listed.number}"
        title_element = element.select_one('[class*="blog-title"]')
        title = " ".join(title_element.get_text().split()) if title_element else ""
        if not title:
            self.source.note(url, "the post has no title on its page")
        day = self._post_day(element, url)
        body, lead = weebly_body.read(element, url, self.source)
        topics = [
            _topic(link)
            for link in element.select('[class*="blog-category"] a[href]')
            if self._page_address(url, link["href"]) and _topic(link)
        ]
        post = PostRecord(
            key=key,
            title=title,
            body=body.markdown,
            slug=_slug(listed.url),
            categories=list(dict.fromkeys([*topics, *listed.categories])),
            images=body.images,
            where=url,
        )
        for text in body.notes:
            self.source.note(url, text)
        if lead:
            post.lead_image, post.lead_image_alt = lead
        if page is not None:
            post.comments = weebly_comments.read(
                page,
                post_key=key,
                url=url,
                day=day,
                site=self.fetcher.site,
                dates=self.dates,
                source=self.source,
            )
            said = listed.said_comments
            if said is not None and said != len(post.comments):
                self.source.note(url, f"the list counts {said} comments; {len(post.comments)} read")
        post.published_at, post.status = self._published(day, post.comments, url)
        return post

    def _post_day(self, element, url):
        found = element.select_one('[class*="date-text"]') or element.select_one(
            '[class*="blog-date"]'
        )
        text = " ".join(found.get_text().split()) if found else ""
        day = self.dates.day(text, url) if text else None
        if day is None:
            self.source.note(url, f"no date could be read{f' in “{text}”' if text else ''}")
        return day

    def _published(self, day, comments, url):
        """Noon of the post's day, or a minute before its first comment when that is
        earlier; undated: a draft."""
        first = min((c.created_at for c in comments), default=None)
        if day is None:
            if first is None:
                return None, "draft"
            return first - timedelta(minutes=1), "published"
        at = self.dates.noon(day)
        if first is not None and first <= at:
            at = first - timedelta(minutes=1)
            if at.date() != day:
                self.source.note(url, f"dated {at:%Y-%m-%d}, a minute before its first comment")
        return at, "published"


def _post_elements(soup):
    return soup.find_all(id=POST_ID)


def _page_key(url):
    """One key for the ways an address of the same page is written (a saved copy adds
    .html or index.html, a link may end in a slash)."""
    parts = urlsplit(url)
    path = unquote(parts.path).removesuffix("index.html").removesuffix(".html").rstrip("/")
    return f"{path.casefold()}?{parts.query}"


def _topic(link):
    return SIDEBAR_COUNT.sub("", " ".join(link.get_text().split()))


def _slug(url):
    """The last part of the post's address, which Weebly makes from its title."""
    if not url:
        return ""
    last = unquote(urlsplit(url).path).rstrip("/").rsplit("/", 1)[-1]
    last = re.sub(r"\.html?$", "", last)
    return "" if last == "index" else last
