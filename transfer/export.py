"""The whole site as a WordPress export (WXR 1.2), written as a stream.

The layout is WordPress's own exporter's (wp-admin/includes/export.php): RSS 2.0 with
WordPress's namespaces, a channel listing the authors and categories, then one <item> per
post carrying its comments, so WordPress's importer reads it as it reads a file from
WordPress, and transfer.wxr reads it back. What WordPress has no place for goes into the
post's HTML: the lead image at the top, the exercise sequence at the end (in a
<div class="align-sequence">). Spam is left out, as WordPress leaves it out.

Nothing holds the whole site: posts come a hundred at a time and each post's comments in
one query in tree order, read as they are written.
"""

import re
from datetime import UTC
from email.utils import format_datetime
from html import escape
from urllib.parse import urljoin

from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Exists, F, OuterRef, Prefetch
from django.utils import timezone
from django.utils.html import format_html, linebreaks
from django.utils.translation import to_locale

from blog.models import Author, Category, Post, Step
from comments.models import Comment

WXR_VERSION = "1.2"
NAMESPACES = {
    "excerpt": f"http://wordpress.org/export/{WXR_VERSION}/excerpt/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "wfw": "http://wellformedweb.org/CommentAPI/",
    "dc": "http://purl.org/dc/elements/1.1/",
    "wp": f"http://wordpress.org/export/{WXR_VERSION}/",
}
DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
NO_DATE = "0000-00-00 00:00:00"  # WordPress's date of a draft never published
APPROVED = {"approved": "1", "pending": "0", "removed": "trash"}
SEQUENCE_CLASS = "align-sequence"
CHUNK_SIZE = 64 * 1024
POSTS_PER_QUERY = 100
COMMENTS_PER_QUERY = 2000
# Characters XML 1.0 cannot carry at all, not even in CDATA (control characters pasted
# into a comment): left out, or the whole file would be unreadable.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class Plain(str):
    """Text written escaped rather than in CDATA, where WordPress does so (addresses)."""


class Export:
    """One export of the site: its bytes from chunks(); what it held, once they are read."""

    def __init__(self):
        self.posts = 0
        self.comments = 0
        self.site = settings.SITE_URL.rstrip("/")
        self.zone = timezone.get_default_timezone()

    def chunks(self):
        """The file as UTF-8 bytes, about CHUNK_SIZE at a time (for a file or a download)."""
        pending, size = [], 0
        for piece in self.pieces():
            pending.append(piece)
            size += len(piece)
            if size >= CHUNK_SIZE:
                yield "".join(pending).encode()
                pending, size = [], 0
        if pending:
            yield "".join(pending).encode()

    def pieces(self):
        now = timezone.now()
        authors = Authors()
        yield self.head(now)
        yield from authors.entries()
        yield from category_entries()
        yield line(1, "generator", Plain("align"))
        posts = (
            Post.objects.select_related("author")
            .prefetch_related(
                "categories", Prefetch("steps", queryset=Step.objects.select_related("exercise"))
            )
            .order_by("pk")
        )
        for post in posts.iterator(chunk_size=POSTS_PER_QUERY):
            self.posts += 1
            yield "\t<item>\n"
            yield "".join(line(2, *field) for field in self.post_fields(post, authors, now))
            yield from self.comment_entries(post, authors)
            yield "\t</item>\n"
        yield "</channel>\n</rss>\n"

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

    def post_fields(self, post, authors, now):
        """(element, value[, attributes]) for each of the post's fields, in WordPress's order."""
        shown = post.published_at or post.updated_at  # a draft's "date" is its last save
        fields = [
            ("title", escape(post.title, quote=False)),
            ("link", Plain(urljoin(self.site, post.get_absolute_url()))),
            ("pubDate", Plain(format_datetime(shown.astimezone(UTC)))),
            ("dc:creator", authors.login(post.author_id)),
            ("guid", Plain(f"{self.site}/?p={post.pk}"), ' isPermaLink="false"'),
            ("description", Plain("")),
            ("content:encoded", self.content(post)),
            ("excerpt:encoded", escape(post.summary, quote=False)),
            ("wp:post_id", post.pk),
            ("wp:post_date", self.local(shown)),
            ("wp:post_date_gmt", gmt(post.published_at) if post.published_at else NO_DATE),
            ("wp:post_modified", self.local(post.updated_at)),
            ("wp:post_modified_gmt", gmt(post.updated_at)),
            ("wp:comment_status", "open" if post.comments_open else "closed"),
            ("wp:ping_status", "closed"),
            ("wp:post_name", post.slug),
            ("wp:status", wordpress_status(post, now)),
            ("wp:post_parent", 0),
            ("wp:menu_order", 0),
            ("wp:post_type", "post"),
            ("wp:post_password", ""),
            ("wp:is_sticky", 0),
        ]
        for category in post.categories.all():
            where = f' domain="category" nicename="{escape(category.slug)}"'
            fields.append(("category", escape(category.name, quote=False), where))
        return fields

    def content(self, post):
        """The post's HTML as readers see it, with its lead image and its sequence."""
        body = BeautifulSoup(post.body_html, "html.parser")
        for tag in body.find_all(["a", "img"]):
            attribute = "href" if tag.name == "a" else "src"
            if tag.get(attribute):
                tag[attribute] = urljoin(self.site + "/", tag[attribute])
        # WordPress turns a newline inside a paragraph into a line break (wpautop);
        # in HTML it is a space, as Markdown's soft line breaks are meant.
        for text in body.find_all(string=lambda text: "\n" in text and text.strip()):
            if text.find_parent("pre") is None:
                text.replace_with(text.replace("\n", " "))
        parts = [str(body)]
        if post.lead_image:
            parts.insert(0, self.figure(post.lead_image, post.lead_image_alt))
        steps = list(post.steps.all())
        if steps:
            parts.append(self.sequence(steps))
        return "\n\n".join(parts)

    def sequence(self, steps):
        """The exercises as the post's page lists them, for a site that has no such thing."""
        count = f"{len(steps)} exercise{'s' if len(steps) != 1 else ''}"
        items = "".join(f"<li>{self.step(step)}</li>\n" for step in steps)
        return (
            f'<div class="{SEQUENCE_CLASS}">\n<h2>The sequence: {count}</h2>\n'
            f"<ol>\n{items}</ol>\n</div>"
        )

    def step(self, step):
        exercise = step.exercise
        parts = [format_html("<h3>{}</h3>", exercise.name)]
        if exercise.photo:
            parts.insert(0, self.figure(exercise.photo, exercise.photo_alt))
        if dosage := step.dosage():
            parts.append(format_html("<p>{}</p>", dosage))
        if step.note:
            parts.append(format_html("<p><em>{}</em></p>", step.note))
        parts.append(linebreaks(exercise.instructions, autoescape=True))
        if exercise.cautions:
            parts.append(format_html("<p><strong>Take care:</strong> {}</p>", exercise.cautions))
        return "".join(parts)

    def figure(self, image, alt):
        return format_html('<figure><img src="{}" alt="{}"></figure>', self.absolute(image), alt)

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
        fields = [
            ("wp:comment_id", row.pk),
            # WordPress keeps names and comment text as HTML: escaped, they read back as typed.
            ("wp:comment_author", escape(row.author_name, quote=False)),
            ("wp:comment_author_email", row.author_email),
            ("wp:comment_author_url", Plain(row.author_url)),
            ("wp:comment_author_IP", row.ip_address or ""),
            ("wp:comment_date", self.local(row.created_at)),
            ("wp:comment_date_gmt", gmt(row.created_at)),
            ("wp:comment_content", escape(row.body, quote=False)),
            ("wp:comment_approved", APPROVED[row.status]),
            ("wp:comment_type", "comment"),
            ("wp:comment_parent", parent),
            ("wp:comment_user_id", user_id),
        ]
        return group(2, "wp:comment", fields)

    def local(self, moment):
        return timezone.localtime(moment, self.zone).strftime(DATE_FORMAT)


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


class Authors:
    """WordPress user ids and logins: each blog author, then each staff member who wrote
    comments without being one (WordPress ties a reply to its writer by that id)."""

    def __init__(self):
        self.rows = []  # (id, login, email, display name, first name, last name)
        self.by_author = {}  # blog.Author pk -> (id, login)
        self.by_user = {}  # user pk -> id
        for author in Author.objects.select_related("user").order_by("pk"):
            self.by_author[author.pk] = self.add(author.user, author.name, author.slug)
        User = get_user_model()
        writers = User.objects.filter(
            Exists(Comment.objects.filter(user=OuterRef("pk"))),
            is_staff=True,
            author_profile__isnull=True,
        )
        for user in writers.order_by("pk"):
            self.add(user, user.get_full_name() or user.get_username(), user.get_username())

    def add(self, user, name, login):
        number = len(self.rows) + 1
        login = user.get_username() if user else login
        taken = {entry[1] for entry in self.rows}
        if login in taken:  # an author without a login may share a slug with a username
            login = f"{login}-{number}"
        names = (user.email, user.first_name, user.last_name) if user else ("", "", "")
        self.rows.append((number, login, names[0], name, *names[1:]))
        if user:
            self.by_user[user.pk] = number
        return number, login

    def login(self, author_pk):
        return self.by_author[author_pk][1]

    def user_id(self, user_pk):
        return self.by_user.get(user_pk, 0)

    def entries(self):
        for number, login, email, name, first, last in self.rows:
            fields = [
                ("wp:author_id", number),
                ("wp:author_login", login),
                ("wp:author_email", email),
                ("wp:author_display_name", name),
                ("wp:author_first_name", first),
                ("wp:author_last_name", last),
            ]
            yield group(1, "wp:author", fields)


def category_entries():
    for category in Category.objects.order_by("pk"):
        fields = [
            ("wp:term_id", category.pk),
            ("wp:category_nicename", category.slug),
            ("wp:category_parent", ""),
            ("wp:cat_name", escape(category.name, quote=False)),
        ]
        if category.description:
            fields.append(("wp:category_description", escape(category.description, quote=False)))
        yield group(1, "wp:category", fields)


def write_wxr(out):
    """Writes the export to `out` (a binary file); returns the Export, with its counts."""
    export = Export()
    for chunk in export.chunks():
        out.write(chunk)
    return export


def wordpress_status(post, now):
    if post.status == Post.Status.DRAFT:
        return "draft"
    return "future" if post.published_at > now else "publish"


def gmt(moment):
    return moment.astimezone(UTC).strftime(DATE_FORMAT)


def group(depth, name, fields):
    """An element holding one line per field."""
    indent = "\t" * depth
    inner = "".join(line(depth + 1, *field) for field in fields)
    return f"{indent}<{name}>\n{inner}{indent}</{name}>\n"


def line(depth, name, value, attributes=""):
    """One element on its own line: numbers and Plain text escaped, other text in CDATA."""
    if isinstance(value, int | Plain):
        text = escape(NOT_XML.sub("", str(value)), quote=False)
    else:
        text = cdata(value)
    indent = "\t" * depth
    return f"{indent}<{name}{attributes}>{text}</{name}>\n"


def cdata(text):
    """Text in a CDATA section; a "]]>" in it is split across two, as WordPress does."""
    text = NOT_XML.sub("", text)
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"
