"""What every parser produces: plain records of a blog's posts and comments, before storing.

Parsers (wxr.py, weebly.py) read a source into these; the writer stores them through blog
and comments. Each record keeps the source's own identity of what it describes (`key`),
so importing a newer copy of the same source adds only what is new.
"""

from dataclasses import dataclass, field
from datetime import datetime


class UnreadableSource(Exception):
    """The file cannot be imported at all; the message says why, for a person."""


@dataclass
class Note:
    """Something the importer guessed or left out, and where in the source (a line number
    or an element id), for the report."""

    where: str
    text: str


@dataclass
class CommentRecord:
    key: str  # the source's identity of this comment, stable across newer copies
    parent_key: str | None  # None: a top-level comment
    author_name: str
    body: str  # the plain text a reader typed: paragraphs and line breaks, links as URLs
    created_at: datetime  # aware
    status: str = "approved"  # pending, approved, spam, removed (comments.Comment.Status)
    author_email: str = ""
    author_url: str = ""
    ip_address: str | None = None
    by_author: bool = False  # the source itself says the post's author wrote it
    where: str = ""


@dataclass
class PostRecord:
    key: str  # the source's identity of this post
    title: str
    body: str  # Markdown, as the site's editor stores it
    status: str = "published"  # published (dated now or earlier), scheduled, draft
    published_at: datetime | None = None  # aware; None for a draft with no date
    slug: str = ""
    summary: str = ""
    categories: list[str] = field(default_factory=list)  # topic names
    tags: list[str] = field(default_factory=list)  # kept on the post, not shown as topics
    author_login: str = ""  # the source's user name of the post's author, if it has one
    comments_open: bool = True  # False: the source had closed the post to new comments
    images: list[str] = field(default_factory=list)  # image addresses the body refers to
    lead_image: str = ""  # the address of the post's lead picture, stored with the others
    lead_image_alt: str = ""  # what it shows (its caption); the post's title when empty
    comments: list[CommentRecord] = field(default_factory=list)  # parents before replies
    where: str = ""


@dataclass
class Source:
    """One parsed file: its posts and what the parser noticed on the way."""

    format: str  # reading.FORMATS: "wxr", "weebly-text" or "weebly-site"
    posts: list[PostRecord] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # guesses and repairs, in source order
    skipped: dict[str, int] = field(default_factory=dict)  # e.g. {"page": 2, "pingback": 5}
    attachments: dict[str, str] = field(default_factory=dict)  # WXR: attachment URL -> title
    address: str = ""  # the old blog's own address, when the source names it

    def note(self, where, text):
        self.notes.append(Note(str(where), text))

    def skip(self, kind, count=1):
        self.skipped[kind] = self.skipped.get(kind, 0) + count
