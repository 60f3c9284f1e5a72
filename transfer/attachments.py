"""The pictures this site stores, in a WordPress export: one attachment item each, after
the first post that shows it, which WordPress's importer downloads from this site."""

from dataclasses import dataclass
from html import escape
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from django.db.models import Max
from django.utils.text import slugify

from blog.models import Post
from comments.models import Comment
from transfer.wxr_writing import Plain, gmt, meta_fields


@dataclass
class Picture:
    """A picture this site stores, as an attachment: written after the first post with it."""

    id: int
    address: str  # absolute, as the posts' HTML has it
    alt: str
    title: str


class Attachments:
    """Each picture of one export, once, by its absolute address."""

    def __init__(self):
        self.pictures = {}  # absolute address -> Picture
        # Attachments are posts to WordPress: numbered after every post (and comment) id.
        highest = [model.objects.aggregate(n=Max("pk"))["n"] or 0 for model in (Post, Comment)]
        self.next_id = max(highest) + 1

    def picture(self, address, alt, found):
        """The Picture at `address`; a new one is added to `found`."""
        if address not in self.pictures:
            name = PurePosixPath(unquote(urlsplit(address).path)).stem or "picture"
            titles = {picture.title for picture in found}
            title = name if name not in titles else f"{name}-{self.next_id}"
            self.pictures[address] = Picture(self.next_id, address, alt, title)
            self.next_id += 1
            found.append(self.pictures[address])
        return self.pictures[address]


def attachment_fields(picture, post, fields):
    """The picture's item, dated and signed as its post (`fields`): WordPress files it
    under that month."""
    dated = dict(field[:2] for field in fields)
    shown = post.published_at or post.updated_at
    values = [
        ("title", escape(picture.title, quote=False)),
        ("link", Plain(picture.address)),
        ("pubDate", dated["pubDate"]),
        ("dc:creator", dated["dc:creator"]),
        ("guid", Plain(picture.address), ' isPermaLink="false"'),
        ("description", Plain("")),
        ("content:encoded", ""),
        ("excerpt:encoded", ""),
        ("wp:post_id", picture.id),
        ("wp:post_date", dated["wp:post_date"]),
        ("wp:post_date_gmt", gmt(shown)),  # an attachment always has a date
        ("wp:post_modified", dated["wp:post_modified"]),
        ("wp:post_modified_gmt", dated["wp:post_modified_gmt"]),
        ("wp:comment_status", "closed"),
        ("wp:ping_status", "closed"),
        ("wp:post_name", slugify(picture.title) or f"picture-{picture.id}"),
        ("wp:status", "inherit"),
        ("wp:post_parent", post.pk),
        ("wp:menu_order", 0),
        ("wp:post_type", "attachment"),
        ("wp:post_password", ""),
        ("wp:is_sticky", 0),
        ("wp:attachment_url", picture.address),
    ]
    meta = [("_wp_attachment_image_alt", picture.alt)] if picture.alt else []
    return [*values, *meta_fields("wp:postmeta", meta)]
