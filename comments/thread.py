"""A post's comment thread: a page of it read in one query in tree order, the visitor's own
comments awaiting moderation merged into those rows, and all of it drawn by one template
(comments/_comment.html, through comments/_comments.html)."""

from functools import lru_cache
from types import SimpleNamespace
from typing import NamedTuple

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.safestring import mark_safe

from align import moments
from align.cache import site
from comments import pages, visitor
from comments.models import Comment

# What the markup shows of a comment, and where it sits in its tree.
FIELDS = (
    "id", "tree_id", "lft", "level", "parent_id", "status", "author_name", "author_url",
    "created_at", "edited_at", "body_html", "by_staff",
)  # fmt: skip
# When a comment was written, as the site writes it: "May 10, 2017 at 12:15 p.m.".
WRITTEN_FORMAT = r"F j, Y \a\t g:i a"


def thread_changed(instance, created=False, **kwargs):
    """A comment was written, moderated, edited or deleted: its post's pages are stale.

    A new comment that is held or spam changes nothing anyone else sees (its writer's own
    page is never cached), so a run of spam does not empty the cache.
    """
    if created and instance.status != Comment.Status.APPROVED:
        return
    site.clear()
    pages.thread_cache(instance.post_id).clear()


def page_html(post, page, thread, layout, mine=(), sent=None, editable=()):
    """Page `page` of the post's thread in `layout`'s order (pages.layout()) as HTML, with
    this visitor's own waiting comments (`mine`, from waiting()), the "Thank you" of
    each comment just sent (`sent`: {pk: message}) and the Edit and Delete links of those
    they may still change (`editable`, from editable()) in place.

    As everyone sees it, the page is cached until one of the post's comments changes.
    Returns the HTML and the messages whose comment is not on this page.
    """
    sent = sent or {}
    where = f"{pages.NEWEST if layout.newest else 'oldest'}:{page}"
    key = f"html:{int(post.comments_open)}:{where}"
    personal = bool(mine or sent or editable)
    html = None if personal else thread.get(key)
    if html is not None:
        return html, []
    if personal:
        # Drawn for one visitor on every visit while a comment of theirs waits: the rows
        # everyone sees are read once per change to the thread, not once per visit.
        shown = thread.get_or_set(f"rows:{where}", lambda: on_page(post, layout, page))
    else:
        shown = on_page(post, layout, page)
    # A waiting comment of theirs that others see too (a placeholder over approved
    # replies) is drawn once, where the thread has it.
    ids = {c.id for c in shown}
    mine = [c for c in mine if c.id not in ids]
    comments = sorted([*shown, *mine], key=layout.place)
    html = write(post, comments, page, sent, {c.id for c in mine}, layout.newest, editable)
    if not personal:
        thread.set(key, html)
    shown = {c.id for c in comments}
    return html, [message for pk, message in sent.items() if pk not in shown]


def on_page(post, layout, page):
    """The post's thread as readers see it on `page` of `layout`, in tree order, as rows()."""
    return rows(layout.holding(Comment.objects.thread(post), page))


def waiting(request, post, layout, page):
    """This visitor's own comments on `page` of the post's thread that still await
    moderation (their browser keeps their ids: comments.visitor)."""
    own = visitor.own_comments(request)
    if not own:
        return []
    comments = Comment.objects.filter(pk__in=own, post=post, status__in=Comment.AWAITING)
    return rows(layout.holding(comments.with_by_staff(), page))


def editable(request, post):
    """The pks of this visitor's own comments on the post they may still edit or delete."""
    own = visitor.own_comments(request)
    if not own:
        return set()
    return set(
        Comment.objects.filter(pk__in=own, post=post).editable().values_list("pk", flat=True)
    )


def rows(comments):
    """`comments`, a queryset with `by_staff`, as plain rows of FIELDS: what the markup
    reads, without building a model instance per comment."""
    return [SimpleNamespace(**values) for values in comments.values(*FIELDS)]


def nested(comments, order="", answered=()):
    """The top-level ones of `comments` (each tree in tree order), each comment given its
    `replies`, its `permalink` (with `order`, the query string of the thread's order, if
    any), and when it was written (`written`, in the site's time zone, and `written_text`);
    each top-level one the number of replies drawn under it, at any depth (`reply_count`).
    A reply whose parent is not among them (hidden since it was answered, or on an earlier
    page of a long thread) stands alone; `answers` is that parent when it is among the
    rows `answered`, else None."""
    zone = timezone.get_current_timezone()  # once, not once per comment
    elsewhere = {row.id: row for row in answered}
    for row in answered:
        row.permalink = reverse("comments:permalink", args=[row.id]) + order
    by_id, top = {}, []
    for comment in comments:
        comment.replies, comment.answers = [], None
        comment.permalink = reverse("comments:permalink", args=[comment.id]) + order
        comment.written = moments.local(comment.created_at, zone)  # None: cannot be shown
        if comment.written:
            comment.written_text = written_text(comment.written.replace(tzinfo=None))
        parent = by_id.get(comment.parent_id)
        if parent:
            parent.replies.append(comment)
            comment.head = parent.head
            comment.head.reply_count += 1
        else:
            top.append(comment)
            comment.head, comment.reply_count = comment, 0
            comment.answers = elsewhere.get(comment.parent_id)
        by_id[comment.id] = comment
    return top


def drawing_order(top):
    """Every comment of `top` (nested()) in the order it is drawn, each given the comment
    it is drawn inside (`parent`, None at the top) and the comments whose markup closes
    right after its own (`ends`, innermost first). Walked with a stack of its own, not
    recursion: an imported chain of replies may be deeper than Python's recursion limit."""
    order, waiting = [], [(comment, None) for comment in reversed(top)]
    while waiting:
        comment, parent = waiting.pop()
        comment.parent, comment.ends = parent, []
        order.append(comment)
        waiting.extend((reply, comment) for reply in reversed(comment.replies))
    # Replies before the comments they answer: a comment closes with its last reply's last.
    for comment in reversed(order):
        comment.last = comment.replies[-1].last if comment.replies else comment
        comment.last.ends.append(comment)
    return order


@lru_cache(maxsize=10_000)
def written_text(moment):
    """`moment` (a wall-clock time in the site's time zone) as the site writes it,
    WRITTEN_FORMAT: worked out once per process for each comment's time, not again each
    time its thread is drawn."""
    return dateformat.format(moment, WRITTEN_FORMAT)


class Shared(NamedTuple):
    """What every comment of a thread drawn together shares."""

    reply: str | None  # the start of a Reply link's address; None: no Reply links
    sent: dict  # {pk: "Thank you..."} for comments just sent
    mine: set  # pks of comments shown to their writer alone, while they wait
    admin: int | None  # the comment whose admin page shows the thread; None on the site
    order: str = ""  # the query string a permalink keeps the thread's order with
    editable: frozenset = frozenset()  # pks of comments whose writer may still change them


def write(post, comments, page, sent=None, mine=(), newest=False, editable=()):
    """A page of the thread as HTML: `comments` in its order, each reply inside the
    comment it answers."""
    reply = None
    if post.comments_open:
        written = pages.query(page, newest)
        reply = f"?{written}&replyto=" if written else "?replyto="
    order = f"?{pages.query(1, newest=True)}" if newest else ""
    shared = Shared(reply, sent or {}, set(mine), None, order, frozenset(editable))
    return draw(comments, shared, answered_elsewhere(post, comments))


def answered_elsewhere(post, comments):
    """The comments readers see that replies among `comments` answer from elsewhere (an
    earlier page of a long thread), as rows: one query, however many there are."""
    drawn = {comment.id for comment in comments}
    parents = {c.parent_id for c in comments if c.parent_id and c.parent_id not in drawn}
    if not parents:
        return []
    found = Comment.objects.thread(post).filter(pk__in=parents)
    return [SimpleNamespace(**values) for values in found.values("id", "author_name", "status")]


def draw(comments, shared, answered=()):
    """`comments`, each tree in tree order (rows()), drawn by comments/_comment.html;
    `answered`: rows of the comments some of them answer from another page."""
    top = nested(comments, shared.order, answered)
    html = render_to_string(
        "comments/_comments.html", {"comments": drawing_order(top), "thread": shared}
    )
    return mark_safe(html)
