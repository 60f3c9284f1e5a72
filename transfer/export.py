"""The whole site as a WordPress export (WXR 1.2), written as a stream.

The layout is WordPress's own exporter's (wp-admin/includes/export.php): RSS 2.0 with
WordPress's namespaces, a channel listing the authors, categories and tags, then one
<item> per post carrying its comments, so WordPress's importer reads it as it reads a file
from WordPress, and transfer.wxr reads it back. Each picture this site stores for a post (its
lead picture, its exercises' photos, pictures in its body) follows the post as an
attachment item, which WordPress's importer downloads from this site; the lead picture is
the post's featured image (_thumbnail_id). What WordPress has no place for goes into the
post's HTML: the exercise sequence at the end (in a <div class="align-sequence">). Spam is
left out, as WordPress leaves it out.

Nothing holds the whole site: posts come a hundred at a time and each post's comments in
one query in tree order, read as they are written. One post's value that cannot be
written as it is (an address reverse() refuses, a date with no local time) is written
another way, with a note; anything else stops the export with ExportFailed, so a file is
either whole or not there (build() makes it whole before anyone reads it).
"""

import tempfile
from contextlib import ExitStack
from datetime import UTC
from email.utils import format_datetime
from html import escape
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from django.db.models import F, Prefetch
from django.utils import timezone
from django.utils.html import format_html, linebreaks
from django.utils.translation import to_locale

from blog.models import Post, Step
from blog.slugs import is_address
from comments.admin import removals
from comments.models import Comment
from comments.notifications import site_url
from transfer.attachments import Attachments, attachment_fields
from transfer.channel import Authors, Tags, category_entries
from transfer.wxr_writing import Plain, gmt, group, line, meta_fields, wordpress_date

WXR_VERSION = "1.2"
NAMESPACES = {
    "excerpt": f"http://wordpress.org/export/{WXR_VERSION}/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": f"http://wordpress.org/export/{WXR_VERSION}/",
}
NO_DATE = "0000-00-00 00:00:00"  # WordPress's date of a draft never published
# WordPress's comment_approved for each status (spam: what a trashed spam comment was).
APPROVED = {"approved": "1", "pending": "0", "removed": "trash", "spam": "spam"}
SEQUENCE_CLASS = "align-sequence"
CHUNK_SIZE = 64 * 1024
SPOOL_BYTES = 8 * 1024 * 1024  # build(): kept in memory up to this size, on disk beyond
POSTS_PER_QUERY = 100
COMMENTS_PER_QUERY = 2000


class ExportFailed(Exception):
    """The export could not be finished; the message says where it stopped and why."""


class Export:
    """One export of the site: its bytes from chunks(); what it held, once they are read,
    and a note for each value written another way than it is stored."""

    def __init__(self, site=None):
        """`site`: the site's address without a trailing slash (notifications.site_url)."""
        self.posts = 0
        self.comments = 0
        self.attachments = 0
        self.notes = []
        self.where = "the channel"  # what was being written, for ExportFailed's message
        self.site = site or site_url()
        self.media = urljoin(self.site + "/", settings.MEDIA_URL)
        self.zone = timezone.get_default_timezone()

    def chunks(self):
        """The file as UTF-8 bytes, about CHUNK_SIZE at a time (for a file or a download);
        raises ExportFailed if it cannot be finished."""
        pending, size = [], 0
        try:
            for piece in self.pieces():
                pending.append(piece)
                size += len(piece)
                if size >= CHUNK_SIZE:
                    yield "".join(pending).encode()
                    pending, size = [], 0
        except Exception as error:  # whatever it is, the reader is told where, not shown a trace
            raise ExportFailed(f"The export stopped at {self.where}: {error}") from error
        if pending:
            yield "".join(pending).encode()

    def pieces(self):
        self.now = timezone.now()
        authors = Authors()
        self.removed = removals()
        self.pictures = Attachments()
        self.tags = Tags()
        yield self.head(self.now)
        yield from authors.entries()
        yield from category_entries()
        yield from self.tags.entries()
        yield line(1, "generator", Plain("align"))
        posts = (
            Post.objects.select_related("author")
            .prefetch_related(
                "categories", Prefetch("steps", queryset=Step.objects.select_related("exercise"))
            )
            .order_by("pk")
        )
        self.where = "the first post"
        for post in posts.iterator(chunk_size=POSTS_PER_QUERY):
            self.posts += 1
            self.where = f"post {post.pk} “{post.title[:60]}”"
            yield from self.item(post, authors)
            self.where = f"the post after post {post.pk}"
        yield "</channel>\n</rss>\n"

    def item(self, post, authors):
        """The post's item, then an attachment item for each picture it shows first."""
        found = []  # the pictures first seen in this post
        lead = None
        if post.lead_image:
            lead = self.pictures.picture(self.absolute(post.lead_image), post.lead_image_alt, found)
        fields = self.post_fields(post, authors, found)
        meta = meta_fields("wp:postmeta", [("_thumbnail_id", str(lead.id))] if lead else [])
        yield "\t<item>\n"
        yield "".join(line(2, *field) for field in [*fields, *meta])
        yield from self.comment_entries(post, authors)
        yield "\t</item>\n"
        for picture in found:
            self.attachments += 1
            yield group(1, "item", attachment_fields(picture, post, fields))

    def head(self, now):
        namespaces = "".join(f'\n\txmlns:{name}="{uri}"' for name, uri in NAMESPACES.items())
        channel = [
            ("title", Plain(settings.SITE_NAME)),
            ("link", Plain(self.site)),
            ("description", Plain(settings.SITE_TAGLINE)),
            ("pubDate", Plain(format_datetime(now.astimezone(UTC)))),
            ("language", Plain(to_locale(settings.LANGUAGE_CODE).replace("_", "-"))),
            ("wp:wxr_version", Plain(WXR_VERSION)),
            ("wp:base_site_url", Plain(self.site)),
            ("wp:base_blog_url", Plain(self.site)),
        ]
        return (
            '<?xml version="1.0" encoding="UTF-8" ?>\n'
            f"<!-- A WordPress export (WXR {WXR_VERSION}): every post, and every comment "
            "but spam. -->\n"
            "<!-- WordPress reads it in Tools, Import, WordPress; this site reads it with "
            "import_blog. -->\n"
            f'<!-- generator="align" created="{self.local(now)[:16]}" -->\n'
            f'<rss version="2.0"{namespaces}\n>\n\n<channel>\n'
            + "".join(line(1, *field) for field in channel)
        )

    def post_fields(self, post, authors, found):
        """(element, value[, attributes]) for each of the post's fields, in WordPress's order;
        the pictures its HTML shows for the first time join `found`."""
        shown = post.published_at or post.updated_at  # a draft's "date" is its last save
        fields = [
            ("title", escape(post.title, quote=False)),
            ("link", Plain(self.link(post))),
            ("pubDate", Plain(format_datetime(shown.astimezone(UTC)))),
            ("dc:creator", authors.login(post.author_id)),
            ("guid", Plain(f"{self.site}/?p={post.pk}"), ' isPermaLink="false"'),
            ("description", Plain("")),
            ("content:encoded", self.content(post, found)),
            ("excerpt:encoded", escape(post.summary, quote=False)),
            ("wp:post_id", post.pk),
            ("wp:post_date", self.local(shown)),
            ("wp:post_date_gmt", gmt(post.published_at) if post.published_at else NO_DATE),
            ("wp:post_modified", self.local(post.updated_at)),
            ("wp:post_modified_gmt", gmt(post.updated_at)),
            ("wp:comment_status", "open" if post.comments_open else "closed"),
            ("wp:ping_status", "closed"),
            ("wp:post_name", post.slug),
            ("wp:status", wordpress_status(post, self.now)),
            ("wp:post_parent", 0),
            ("wp:menu_order", 0),
            ("wp:post_type", "post"),
            ("wp:post_password", ""),
            ("wp:is_sticky", 0),
        ]
        for category in post.categories.all():
            where = f' domain="category" nicename="{escape(category.slug)}"'
            fields.append(("category", escape(category.name, quote=False), where))
        fields.extend(self.tags.of(post))
        return fields

    def link(self, post):
        """The post's address here; WordPress's plain one where none can be built."""
        fallback = f"{self.site}/?p={post.pk}"
        if not is_address(post.slug):
            self.note(f"its slug “{post.slug}” cannot be in an address: linked as {fallback}")
            return fallback
        try:
            return urljoin(self.site, post.get_absolute_url())
        except OverflowError:  # a date with no local day has no address either
            self.note(f"its date has no local time, so no address: linked as {fallback}")
            return fallback

    def content(self, post, found):
        """The post's HTML as readers see it, with its sequence; its pictures join `found`."""
        body = BeautifulSoup(post.body_html, "html.parser")
        for tag in body.find_all(["a", "img"]):
            attribute = "href" if tag.name == "a" else "src"
            if tag.get(attribute):
                tag[attribute] = urljoin(self.site + "/", tag[attribute])
            if tag.name == "img" and tag.get("src", "").startswith(self.media):
                self.pictures.picture(tag["src"], tag.get("alt", ""), found)
        # WordPress turns a newline inside a paragraph into a line break (wpautop);
        # in HTML it is a space, as Markdown's soft line breaks are meant.
        for text in body.find_all(string=lambda text: "\n" in text and text.strip()):
            if text.find_parent("pre") is None:
                text.replace_with(text.replace("\n", " "))
        # The lead picture is the featured image, which WordPress's themes show above it.
        parts = [str(body)]
        steps = list(post.steps.all())
        if steps:
            parts.append(self.sequence(steps, found))
        return "\n\n".join(parts)

    def sequence(self, steps, found):
        """The exercises as the post's page lists them, for a site that has no such thing."""
        count = f"{len(steps)} exercise{'s' if len(steps) != 1 else ''}"
        items = "".join(f"<li>{self.step(step, found)}</li>\n" for step in steps)
        return (
            f'<div class="{SEQUENCE_CLASS}">\n<h2>The sequence: {count}</h2>\n'
            f"<ol>\n{items}</ol>\n</div>"
        )

    def step(self, step, found):
        exercise = step.exercise
        parts = [format_html("<h3>{}</h3>", exercise.name)]
        if exercise.photo:
            photo = self.pictures.picture(self.absolute(exercise.photo), exercise.photo_alt, found)
            parts.insert(
                0, format_html('<figure><img src="{}" alt="{}"></figure>', photo.address, photo.alt)
            )
        if dosage := step.dosage():
            parts.append(format_html("<p>{}</p>", dosage))
        if step.note:
            parts.append(format_html("<p><em>{}</em></p>", step.note))
        parts.append(linebreaks(exercise.instructions, autoescape=True))
        if exercise.cautions:
            parts.append(format_html("<p><strong>Take care:</strong> {}</p>", exercise.cautions))
        return "".join(parts)

    def absolute(self, image):
        return urljoin(self.site + "/", image.url)

    def comment_entries(self, post, authors):
        """The post's comments but spam, parents first; a reply to spam hangs from the
        nearest comment above it that is kept (or starts a thread), so no reply is lost."""
        rows = (
            Comment.objects.filter(post=post)
            # Spam without replies is not needed even to find where replies hang.
            .exclude(status=Comment.Status.SPAM, rght=F("lft") + 1)
            .order_by("tree_id", "lft")
            .values_list(*COMMENT_COLUMNS, named=True)
        )
        path = []  # (pk, what its replies hang from in the file), from the top to here
        for row in rows.iterator(chunk_size=COMMENTS_PER_QUERY):
            while path and path[-1][0] != row.parent_id:
                path.pop()
            parent = path[-1][1] if path else row.parent_id or 0
            spam = row.status == Comment.Status.SPAM
            path.append((row.pk, parent if spam else row.pk))
            if not spam:
                self.comments += 1
                yield self.comment(row, parent, authors)

    def comment(self, row, parent, authors):
        user_id = authors.user_id(row.user_id) if row.user__is_staff else 0
        moment = self.local(row.created_at, f"the date of comment {row.pk}")
        fields = [
            ("wp:comment_id", row.pk),
            # WordPress keeps names and comment text as HTML: escaped, they read back as typed.
            ("wp:comment_author", escape(row.author_name, quote=False)),
            ("wp:comment_author_email", row.author_email),
            ("wp:comment_author_url", Plain(row.author_url)),
            ("wp:comment_author_IP", row.ip_address or ""),
            ("wp:comment_date", moment),
            ("wp:comment_date_gmt", gmt(row.created_at) if row.created_at else NO_DATE),
            ("wp:comment_content", escape(row.body, quote=False)),
            ("wp:comment_approved", APPROVED[row.status]),
            ("wp:comment_type", "comment"),
            ("wp:comment_parent", parent),
            ("wp:comment_user_id", user_id),
        ]
        if row.status == Comment.Status.REMOVED:
            fields += meta_fields("wp:commentmeta", self.trash_meta(row.pk))
        return group(2, "wp:comment", fields)

    def trash_meta(self, pk):
        """What WordPress's trash keeps of a comment: its status before, and when (the
        admin's history, else held and now, as WordPress restores a comment it knows
        nothing of)."""
        status, moment = self.removed.get(pk, ("pending", self.now))
        return [
            ("_wp_trash_meta_status", APPROVED[status]),
            ("_wp_trash_meta_time", str(int(moment.timestamp()))),
        ]

    def local(self, moment, what="its date"):
        """The moment in the site's time zone; in UTC, with a note, where it has none; no
        date, with a note, where the database holds one past what can be read."""
        if moment is None:
            self.note(f"{what} is past the year 9999: written as no date")
            return NO_DATE
        try:
            return wordpress_date(timezone.localtime(moment, self.zone))
        except OverflowError:
            self.note(f"{what}, {gmt(moment)} UTC, has no time in {self.zone}: written in UTC")
            return gmt(moment)

    def note(self, text):
        self.notes.append(f"{self.where}: {text}")


COMMENT_COLUMNS = (
    "pk",
    "parent_id",
    "status",
    "author_name",
    "author_email",
    "author_url",
    "ip_address",
    "created_at",
    "body",
    "user_id",
    "user__is_staff",
)


def write_wxr(out, site=None):
    """Writes the export to `out` (a binary file), its links on `site` (see Export); returns
    the Export, with its counts. Raises ExportFailed (with part of the file written) if it
    cannot be finished."""
    export = Export(site)
    for chunk in export.chunks():
        out.write(chunk)
    return export


def build(site=None):
    """(Export, the whole file in a temporary file, read from its start); the file is in
    memory while small and goes when closed. Raises ExportFailed, leaving nothing."""
    with ExitStack() as on_failure:
        whole = on_failure.enter_context(tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES))
        try:
            export = write_wxr(whole, site)
        except OSError as error:
            raise ExportFailed(
                f"The export could not be kept in the temporary folder ({error.strerror})"
            ) from error
        on_failure.pop_all()  # whole: the caller's to send and close
    whole.seek(0)
    return export, whole


def wordpress_status(post, now):
    # A date past what can be read (align/moments.py) leaves the post as a draft to date.
    if post.status == Post.Status.DRAFT or post.published_at is None:
        return "draft"
    return "future" if post.published_at > now else "publish"
