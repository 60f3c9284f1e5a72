"""A post's comment thread, read in one query and written out as HTML in one pass.

The markup is produced here rather than in a template loop: a post can carry a thousand
comments, and the Django template language costs about 150 µs a comment where this costs
a tenth of that. Bodies were rendered to HTML when each comment was written.
"""

from collections import namedtuple
from dataclasses import dataclass
from html import escape  # what django.utils.html.escape calls, without its lazy wrapper

from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from align import pagecache
from comments.models import Comment
from comments.pages import PAGE_PARAMETER, thread_version_key

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


@dataclass(frozen=True)
class Thread:
    html: SafeString
    count: int


# Only what the markup needs: rows as plain values, not model instances (a quarter the cost).
Row = namedtuple(
    "Row", "pk tree_id level status author_name author_url created_at body_html is_author"
)


def thread_changed(instance, created=False, **kwargs):
    """A comment was written, moderated, edited or deleted: its post's pages are stale.

    A new comment that is held or spam changes nothing anyone else sees (its writer's own
    page is never cached), so a run of spam does not empty the cache.
    """
    if created and instance.status != Comment.Status.APPROVED:
        return
    pagecache.bump(pagecache.SITE, thread_version_key(instance.post_id))


def cached(post, layout, page=1, version=None):
    """A page of the thread as everyone sees it, cached until one of the post's comments
    changes."""
    version = version or pagecache.version(thread_version_key(post.pk))
    key = f"thread:{post.pk}:{version}:{int(post.comments_open)}:{page}"
    thread = pagecache.local.get(key)
    if thread is None:
        thread = build(post, layout=layout, page=page)
        pagecache.local.set(key, thread, pagecache.DAY)
    return thread


def build(post, own=(), layout=None, page=1):
    """A page of the thread as readers see it (the page's trees, from `layout`, or all of
    them); each reply's <article> opens inside its parent's."""
    parts, tree, count = [], None, 0
    opened = []  # (level, pk, name) of each <article> still open, outermost first
    own = set(own)
    rows = Comment.objects.thread(post, own)
    first, after = layout.trees(page) if layout else (None, None)
    if first is not None:
        rows = rows.filter(tree_id__gte=first)
    if after is not None:
        rows = rows.filter(tree_id__lt=after)
    link = Links(
        permalink=reverse("comments:permalink", args=[0])[:-2],
        reply=f"?{PAGE_PARAMETER}={page}&amp;replyto=" if page > 1 else "?replyto=",
        zone=timezone.get_current_timezone(),
    )
    for row in map(Row._make, rows.values_list(*Row._fields)):
        while opened and (row.tree_id != tree or opened[-1][0] >= row.level):
            opened.pop()
            parts.append("</article>")
        tree = row.tree_id
        # Past the indent, the comment answered (still open: it is the parent) is named.
        answers = opened[-1] if row.level > MAX_INDENT and opened else None
        if row.status == Comment.Status.APPROVED:
            count += 1
            parts.append(article(row, "", link, answers, reply=post.comments_open))
            opened.append((row.level, row.pk, row.author_name))
        elif row.pk in own and row.status != Comment.Status.REMOVED:
            parts.append(article(row, " comment--pending", link, answers, pending=True))
            opened.append((row.level, row.pk, row.author_name))
        else:
            parts.append(
                f'<article id="comment-{row.pk}" class="comment depth-'
                f'{min(row.level, MAX_INDENT)} comment--placeholder">'
                f'<p class="comment__placeholder">{PLACEHOLDER[row.status]}</p>'
            )
            opened.append((row.level, row.pk, None))
    parts.append("</article>" * len(opened))
    return Thread(mark_safe("".join(parts)), count)


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
    when = row.created_at.astimezone(link.zone)
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


def human_time(when):
    """'May 10, 2017 at 12:15 p.m.', as Django's "F j, Y \\a\\t g:i a" writes it."""
    hour = when.hour % 12 or 12
    noon = "a.m." if when.hour < 12 else "p.m."
    return f"{MONTHS[when.month]} {when.day}, {when.year} at {hour}:{when.minute:02d} {noon}"
