"""A post's comment thread, read in one query and written out as HTML in one pass.

The markup is produced here rather than in a template loop: a post can carry a thousand
comments, and the Django template language costs about 150 µs a comment where this costs
a tenth of that. Bodies were rendered to HTML when each comment was written.
"""

from collections import namedtuple
from datetime import UTC, datetime
from html import escape  # what django.utils.html.escape calls, without its lazy wrapper

from django.db.models import IntegerField, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.safestring import mark_safe

from align import pagecache
from align.links import address_prefix
from align.prepared import Parameter, prepared
from comments import pages
from comments.models import Comment

# Replies indent for this many levels; deeper ones line up with the fifth, so a long
# back-and-forth stays readable on a phone (the tree keeps the true parent, and each such
# reply names the comment it answers).
MAX_INDENT = 5
MONTHS = (
    "", "January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December",
)  # fmt: skip
BADGE = ' <span class="badge">Author</span>'
PENDING_BADGE = ' <span class="badge badge--pending">Awaiting moderation</span>'
PLACEHOLDER = {
    Comment.Status.PENDING: "This comment is awaiting moderation.",
    Comment.Status.SPAM: "This comment was removed.",
    Comment.Status.REMOVED: "This comment was removed.",
}


# Only what the markup needs: rows as plain values, not model instances (a quarter the cost).
Row = namedtuple(
    "Row", "pk tree_id level status author_name author_url created body_html is_author"
)
# `created`: when the comment was written, read as the database writes it out, and made a
# datetime by moment(). Django's own conversion costs 4 µs a value on PostgreSQL (psycopg
# calls a loader written in Python for each), a fifth of the time a page's rows take.
CREATED = Cast("created_at", TextField())


def thread_changed(instance, created=False, **kwargs):
    """A comment was written, moderated, edited or deleted: its post's pages are stale.

    A new comment that is held or spam changes nothing anyone else sees (its writer's own
    page is never cached), so a run of spam does not empty the cache.
    """
    if created and instance.status != Comment.Status.APPROVED:
        return
    pagecache.bump(pagecache.SITE, pages.thread_version_key(instance.post_id))


def page_of_thread(post, number, version):
    """The layout of the post's comment pages and page `number` of its thread as everyone
    sees it, each cached until one of the post's comments changes.

    A thread that fits on one page, as nearly every post's does, is measured from the
    page's own rows: one query for both, not one for the layout and one for the page.
    """
    layout = pagecache.local.get(pages.layout_key(post.pk, version))
    if layout is None and number == 1:
        one_page = pages.PER_PAGE + pages.ORPHANS  # at most this many are one (pages.split)
        rows = first_rows(one_page + 1, post=post.pk)
        if len(rows) <= one_page:
            layout = pages.Layout((), sum(row.status == Comment.Status.APPROVED for row in rows))
            pages.keep(post.pk, version, layout)
            return layout, keep(post, version, 1, write(post, rows, 1))
        layout = pages.layout(post, version)
        ends = layout.starts[0] if layout.starts else None
        if ends is not None and rows[-1].tree_id >= ends:  # all of page 1 is in the rows
            page = [row for row in rows if row.tree_id < ends]
            return layout, keep(post, version, 1, write(post, page, 1))
    layout = layout or pages.layout(post, version)
    if number > layout.count:
        return layout, None
    return layout, cached(post, layout, number, version)


def cached(post, layout, page, version):
    """A page of the thread as everyone sees it, cached until one of the post's comments
    changes."""
    thread = pagecache.local.get(thread_key(post, version, page))
    if thread is None:
        first, after = layout.trees(page)
        rows = thread_rows(post)
        if first is not None:
            rows = rows.filter(tree_id__gte=first)
        if after is not None:
            rows = rows.filter(tree_id__lt=after)
        thread = keep(post, version, page, write(post, rows, page))
    return thread


def thread_key(post, version, page):
    return f"thread:{post.pk}:{version}:{int(post.comments_open)}:{page}"


def keep(post, version, page, thread):
    pagecache.local.set(thread_key(post, version, page), thread, pagecache.DAY)
    return thread


def thread_rows(post):
    """The post's thread as readers see it, in tree order, as Rows (`post`: a Post, or a
    Parameter for its pk)."""
    return (
        Comment.objects.thread(post).annotate(created=CREATED).values_list(*Row._fields, named=True)
    )


@prepared
def first_rows(limit):
    """The first `limit` rows of a post's thread (by its pk, `post`)."""
    return thread_rows(Parameter("post", IntegerField()))[:limit]


def write(post, rows, page):
    """A page of the thread, as HTML, from its `rows`: each reply's <article> opens inside
    its parent's."""
    parts, tree = [], None
    opened = []  # (level, pk, name) of each <article> still open, outermost first
    link = Links(
        permalink=address_prefix("comments:permalink", pk=0),
        reply=f"?{pages.PAGE_PARAMETER}={page}&amp;replyto=" if page > 1 else "?replyto=",
        zone=timezone.get_current_timezone(),
    )
    for row in rows:
        while opened and (row.tree_id != tree or opened[-1][0] >= row.level):
            opened.pop()
            parts.append("</article>")
        tree = row.tree_id
        # Past the indent, the comment answered (still open: it is the parent) is named.
        answers = opened[-1] if row.level > MAX_INDENT and opened else None
        if row.status == Comment.Status.APPROVED:
            parts.append(article(row, "", link, answers, reply=post.comments_open))
            opened.append((row.level, row.pk, row.author_name))
        else:
            parts.append(
                f'<article id="comment-{row.pk}" class="comment depth-'
                f'{min(row.level, MAX_INDENT)} comment--placeholder">'
                f'<p class="comment__placeholder">{PLACEHOLDER[row.status]}</p>'
            )
            opened.append((row.level, row.pk, None))
    parts.append("</article>" * len(opened))
    return mark_safe("".join(parts))


# What every comment's markup shares, worked out once per thread.
Links = namedtuple("Links", "permalink reply zone")


def article(row, extra_class, link, answers=None, reply=False, pending=False):
    pk = row.pk
    name = escape(row.author_name)
    shown_name = (
        f'<a href="{escape(row.author_url)}" rel="nofollow ugc">{name}</a>'
        if row.author_url
        else name
    )
    when = moment(row.created).astimezone(link.zone)
    html = [
        f'<article id="comment-{pk}" class="comment depth-{min(row.level, MAX_INDENT)}'
        f'{" comment--author" if row.is_author else ""}{extra_class}">'
        f'<header class="comment__meta"><span class="comment__author">{shown_name}</span>'
        f"{BADGE if row.is_author else ''}{PENDING_BADGE if pending else ''} "
        f'<a class="comment__permalink" href="{link.permalink}{pk}/">'
        f'<time datetime="{when.isoformat(timespec="seconds")}">{human_time(when)}</time>'
        "</a></header>"
    ]
    if answers:
        _, parent_pk, parent_name = answers
        whom = escape(parent_name) if parent_name else "an earlier comment"
        html.append(
            f'<p class="comment__to">In reply to <a href="#comment-{parent_pk}">{whom}</a></p>'
        )
    if pending:
        html.append(
            '<p class="comment__pending">Your comment is awaiting moderation. '
            "Only you can see it for now.</p>"
        )
    html.append(f'<div class="comment__body">{row.body_html}</div>')
    if reply:
        html.append(
            f'<p class="comment__actions"><a class="reply-link" href="{link.reply}{pk}#respond" '
            f'data-reply-to="{pk}" data-reply-name="{name}" aria-label="Reply to {name}">'
            "Reply</a></p>"
        )
    return "".join(html)


def moment(text):
    """A time as the database writes it out (CREATED): PostgreSQL's with its offset, SQLite's
    in UTC without one (Django keeps it so)."""
    when = datetime.fromisoformat(text)
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def human_time(when):
    """'May 10, 2017 at 12:15 p.m.', as Django's "F j, Y \\a\\t g:i a" writes it."""
    hour = when.hour % 12 or 12
    noon = "a.m." if when.hour < 12 else "p.m."
    return f"{MONTHS[when.month]} {when.day}, {when.year} at {hour}:{when.minute:02d} {noon}"
