"""Read a WordPress export (WXR 1.0 to 1.2) into records.

WordPress writes its export (wp-admin/includes/export.php) as RSS 2.0 with a namespace of
its own: the channel lists the authors, categories and tags, then one <item> per post,
page, attachment, menu item or reusable block, each carrying its comments. Only posts
become records; everything else is counted in Source.skipped. The file is read as a
stream through defusedxml, so a hostile one (entity bombs, external entities) is refused,
and twice: first whole, to refuse a broken file before anything is stored and to learn
what its posts refer to (its attachments may come after them), then post by post, each
handed on as it is read, so a big export stays small in memory.
"""

import codecs
import io
import re
from datetime import UTC, datetime
from functools import cached_property, lru_cache
from typing import NamedTuple
from urllib.parse import unquote, urlsplit

from transfer import html, xmlfile
from transfer.records import PostRecord, Source, UnreadableSource
from transfer.wxr_comments import CommentReader

# Each WXR version has its own namespace (…/export/1.2/, …/export/1.2/excerpt/); the
# elements in them are the same, so every version reads as "wp:" and "excerpt:".
WP_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/(excerpt/)?")
PREFIXES = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
}
KNOWN_VERSIONS = {"1.0", "1.1", "1.2"}
POST_STATUSES = {
    "publish": "published",
    "future": "scheduled",
    "draft": "draft",
    "pending": "draft",
    "private": "draft",
}
# Categories become topics; tags are kept on the post but not listed as topics (a blog
# has a few categories and many tags, most used once). WXR 1.0 calls post_tag "tag".
# Other domains (post formats, a theme's own taxonomies) are neither.
TOPIC_DOMAINS = {"category": "category", "post_tag": "post_tag", "tag": "post_tag"}
ADDRESSES = ("link", "wp:base_site_url", "wp:base_blog_url")
# The channel's list of terms: element -> (domain, slug element, name element).
CHANNEL_TOPICS = {
    "wp:category": ("category", "wp:category_nicename", "wp:cat_name"),
    "wp:tag": ("post_tag", "wp:tag_slug", "wp:tag_name"),
}
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
# UTF-32's marks first: each starts with one of UTF-16's.
BYTE_ORDER_MARKS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
NOT_WXR = (
    "This is not a WordPress export (WXR): it has no wp:wxr_version in its channel. "
    "In WordPress, Tools → Export makes one."
)


class Author(NamedTuple):
    id: str
    email: str


def looks_like(data):
    """Whether the bytes start like a WordPress export (for telling formats apart), in
    UTF-8 or in the encoding their byte order mark names."""
    head = data[:8192]
    codec = next((codec for bom, codec in BYTE_ORDER_MARKS if head.startswith(bom)), "utf-8")
    text = head.decode(codec, errors="ignore")  # the head may end inside a character
    return "<rss" in text and "wordpress.org/export/" in text


def parse(data, *, timezone, where_prefix=""):
    """Every post of a WXR file's bytes with its comments, as a list; `timezone` is the
    old site's, for the dates WordPress wrote only in local time."""
    source = read(io.BytesIO(data), timezone=timezone, where_prefix=where_prefix)
    source.posts = list(source.posts)
    return source


def read(file, *, timezone, where_prefix=""):
    """The Source of an open WXR file (binary, seekable), its posts an iterator that reads
    them from the file one at a time as they are asked for; its notes and counts are
    whole once the posts have all been read. UnreadableSource: the file cannot be read,
    said before any post is handed on."""
    xmlfile.check_file(file)
    scout = _Reader(timezone, where_prefix, attachment_ids=None)
    list(scout.walk(file))  # builds no posts: it checks the file and finds the attachments
    reader = _Reader(timezone, where_prefix, attachment_ids=scout.attachment_ids)
    reader.source.address = scout.base_url
    reader.source.posts = reader.walk(file)
    return reader.source


class _Reader:
    """Turns the stream of elements into a Source, item by item. Without `attachment_ids`
    (each attachment's wp:post_id -> its address) it only scouts: it reads the whole file
    and learns them, building no posts."""

    def __init__(self, timezone, where_prefix, attachment_ids):
        self.scouting = attachment_ids is None
        self.source = Source(format="wxr")
        self.comment_reader = CommentReader(self.source, self.date)
        self.timezone = timezone
        self.prefix = where_prefix
        self.path = []  # names of the open elements, from the root
        self.channel = None
        self.version = None
        self.addresses = {}  # channel link, wp:base_site_url, wp:base_blog_url
        self.authors = {}  # login -> Author
        self.topics = {}  # (domain, slug) -> name, as the channel lists them
        self.keys = set()
        self.items = 0
        self.uncategorized = 0
        self.attachment_ids = {} if self.scouting else attachment_ids
        self.ready = []  # the post just read, until it is handed on

    def walk(self, file):
        """Reads the file from its start, yielding each post once its item has been read."""
        file.seek(0)
        for event, element in xmlfile.events(file):
            if event == "start":
                self.start(element)
            else:
                self.end(element)
                yield from self.ready
                self.ready.clear()
        self.finish()

    def start(self, element):
        self.path.append(_name(element.tag))
        if len(self.path) == 1 and self.path[0] != "rss":
            raise UnreadableSource(
                f"This XML file is not a WordPress export: it starts with "
                f"<{self.path[0].rpartition('}')[2]}>, where an export starts with <rss>."
            )
        if self.path == ["rss", "channel"]:
            self.channel = element
        elif self.path == ["rss", "channel", "item"] and self.version is None:
            raise UnreadableSource(NOT_WXR)

    def end(self, element):
        name = self.path.pop()
        if self.path == ["rss", "channel"]:
            self.read(name, element)
            # What has been read is dropped, so a big export stays small in memory.
            self.channel.remove(element)

    def read(self, name, element):
        """One child of the channel."""
        if name == "item":
            self.item(element)
        elif name == "wp:wxr_version":
            self.read_version((element.text or "").strip())
        elif name in ADDRESSES:
            self.addresses[name] = (element.text or "").strip()
        elif name == "wp:author":
            fields = _fields(element)
            author = Author(fields.get("wp:author_id", ""), fields.get("wp:author_email", ""))
            self.authors[fields.get("wp:author_login", "")] = author
        elif name in CHANNEL_TOPICS:
            domain, slug, label = CHANNEL_TOPICS[name]
            fields = _fields(element)
            self.topics[domain, fields.get(slug, "")] = html.to_line(fields.get(label, ""))

    def finish(self):
        if self.version is None:
            raise UnreadableSource(NOT_WXR)
        if self.uncategorized:
            posts = "1 post" if self.uncategorized == 1 else f"{self.uncategorized} posts"
            self.source.note(
                f"{self.prefix}channel",
                f"WordPress's default category “Uncategorized” was not kept as a topic ({posts})",
            )

    def read_version(self, text):
        if not re.fullmatch(r"\d+\.\d+", text):
            raise UnreadableSource(f"{NOT_WXR} (Its wp:wxr_version is “{text[:20]}”.)")
        if text not in KNOWN_VERSIONS:
            self.source.note(f"{self.prefix}channel", f"WXR {text} is newer than 1.2; read as 1.2")
        self.version = text

    @cached_property
    def site(self):
        """The old site's identity in keys: its address without scheme or "www.", so a
        move to https or a www-less address still finds the same posts."""
        address = self.base_url
        parts = urlsplit(address if "//" in address else f"//{address}")
        return parts.netloc.lower().removeprefix("www.") + parts.path.rstrip("/")

    @cached_property
    def base_url(self):
        # base_blog_url is the blog's own address; base_site_url is the network's on a
        # multisite, shared by its blogs.
        for name in ("wp:base_blog_url", "wp:base_site_url", "link"):
            if self.addresses.get(name):
                return self.addresses[name]
        return ""

    def item(self, element):
        self.items += 1
        fields = _fields(element)
        post_id = fields.get("wp:post_id", "")
        where = f"{self.prefix}item {self.items}" + (f" (wp:post_id {post_id})" if post_id else "")
        kind = fields.get("wp:post_type", "") or "post"
        if kind != "post":
            self.skip_item(kind, fields, element)
            return
        if self.scouting:
            return
        identity = post_id or fields.get("guid", "")
        key = f"wxr:{self.site}:{identity}"
        if not identity or key in self.keys:
            self.source.note(where, "no wp:post_id, or one used twice: the post was left out")
            self.source.skip("post without a wp:post_id of its own")
            return
        self.keys.add(key)
        self.ready.append(self.post(key, fields, element, where))

    def skip_item(self, kind, fields, element):
        self.source.skip(kind)
        if kind == "attachment" and fields.get("wp:attachment_url", ""):
            self.source.attachments[fields["wp:attachment_url"]] = html.to_line(
                fields.get("title", "")
            )
            if self.scouting:
                self.attachment_ids[fields.get("wp:post_id", "")] = fields["wp:attachment_url"]
        comments = sum(1 for _ in _children(element, "wp:comment"))
        if comments:
            self.source.skip("comment on a skipped item", comments)

    def post(self, key, fields, element, where):
        content = fields.get("content:encoded", "")
        body = html.body_to_markdown(content, self.base_url)
        for text in body.notes:
            self.source.note(where, text)
        status, published_at = self.publication(fields, where)
        login = fields.get("dc:creator", "")
        topics = self.topics_of(element)
        post = PostRecord(
            key=key,
            title=html.to_line(fields.get("title", "")),
            body=body.markdown,
            status=status,
            published_at=published_at,
            # WordPress keeps non-ASCII slugs percent-encoded and marks trashed ones.
            slug=unquote(fields.get("wp:post_name", "")).removesuffix("__trashed"),
            summary=self.summary(fields),
            categories=topics["category"],
            tags=topics["post_tag"],
            author_login=login,
            images=body.images,
            comments_open=fields.get("wp:comment_status", "") != "closed",
            where=where,
        )
        comments = (_fields(comment) for comment in _children(element, "wp:comment"))
        post.comments = self.comment_reader.thread(comments, post, self.authors.get(login), where)
        featured = _meta(element).get("_thumbnail_id", "")
        if featured not in ("", "0"):
            post.lead_image = self.attachment_ids.get(featured, "")
        if featured not in ("", "0") and not post.lead_image:
            self.source.note(
                where,
                f"its featured image (attachment {featured}) is not in the file: "
                "the post has no lead picture",
            )
        return post

    def publication(self, fields, where):
        """The post's status here and its publish date."""
        wp_status = fields.get("wp:status", "")
        status = POST_STATUSES.get(wp_status, "draft")
        if wp_status not in ("publish", "future", "draft"):
            self.source.note(where, f"its WordPress status “{wp_status}” became a draft")
        if fields.get("wp:post_password", ""):
            self.source.note(where, "it was password-protected; imported as a draft")
            status = "draft"
        if status == "draft" and _datetime(fields.get("wp:post_date_gmt")) is None:
            # WordPress leaves a draft's date unset until it is published (then it is
            # "now"); keeping the day it was saved would back-date it when published here.
            return status, None
        published_at = self.date(fields, "wp:post_date", where)
        if published_at is None and status != "draft":
            self.source.note(where, "it has no date; imported as a draft")
            status = "draft"
        return status, published_at

    def date(self, fields, name, where):
        """WordPress's GMT date, else its local one read in the old site's time zone."""
        moment = _datetime(fields.get(f"{name}_gmt"))
        if moment is not None:
            return moment.replace(tzinfo=UTC)
        moment = _datetime(fields.get(name))
        if moment is None:
            return None
        self.source.note(where, f"no {name}_gmt; {name} was read as {self.timezone} time")
        return moment.replace(tzinfo=self.timezone)

    def summary(self, fields):
        # Only an excerpt she wrote: without one the writer takes whole sentences from the
        # body's first paragraph, which is also the teaser's before a <!--more-->.
        return html.to_line(fields.get("excerpt:encoded", ""))

    def topics_of(self, element):
        """The item's category names and tag names, each once."""
        names = {"category": {}, "post_tag": {}}
        for category in _children(element, "category"):
            # WXR 1.0 repeats each category without a domain; those copies are skipped.
            domain = TOPIC_DOMAINS.get(category.get("domain", ""))
            slug = category.get("nicename", "").strip()
            if domain is None:
                continue
            if domain == "category" and slug == "uncategorized":
                self.uncategorized += 1
                continue
            name = html.to_line(category.text or "") or self.topics.get((domain, slug), "")
            if name:
                names[domain].setdefault(name.casefold(), name)
        return {domain: list(found.values()) for domain, found in names.items()}


@lru_cache(maxsize=512)
def _name(tag):
    """An element's name as WordPress writes it ("wp:post_id"), whatever the WXR version."""
    namespace, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    wordpress = WP_NAMESPACE.fullmatch(namespace)
    if wordpress:
        return f"excerpt:{local}" if wordpress.group(1) else f"wp:{local}"
    if namespace in PREFIXES:
        return f"{PREFIXES[namespace]}:{local}"
    return tag  # no namespace, or one WordPress does not use: ElementTree's {uri}name


def _fields(element):
    """Child name -> text without surrounding white space; the first of repeated children
    wins."""
    return {_name(child.tag): (child.text or "").strip() for child in reversed(element)}


def _children(element, name):
    return (child for child in element if _name(child.tag) == name)


def _meta(element):
    """The item's wp:postmeta as key -> value; the first of a repeated key wins."""
    found = {}
    for meta in _children(element, "wp:postmeta"):
        fields = _fields(meta)
        found.setdefault(fields.get("wp:meta_key", ""), fields.get("wp:meta_value", ""))
    return found


def _datetime(text):
    try:
        return datetime.strptime(text or "", DATE_FORMAT)
    except ValueError:  # also WordPress's "0000-00-00 00:00:00" for "no date"
        return None
