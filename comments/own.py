"""A visitor's own comments awaiting moderation, put into the thread everyone else gets.

The page of a post is cached once for all its readers (align/pagecache.py); a visitor who
has comments waiting gets that same page with theirs spliced in: one small query, no page
built. A reply goes at the end of its parent's replies, a new thread at the end of the
page that holds it (comment pages are ranges of threads, so that is the last page).
"""

from django.utils import timezone

from align import pagecache
from align.links import address_prefix
from comments import visitor
from comments.models import Comment
from comments.thread import CREATED, MAX_INDENT, Links, Row, article

NOTE = "comment_thread"  # noted with the cached page: (post id, first tree id, tree id after)
SECTION = b'<section class="comments" id="comments"'  # as templates/comments/_section.html
BOTTOM_LINKS = b'<nav class="comment-pages"'  # the links to other pages, below the thread
OPEN, CLOSE = "<article ", "</article>"
WAITING = [Comment.Status.PENDING, Comment.Status.SPAM]  # spam looks pending to its writer


def waiting(request, post_id, first=None, after=None):
    """This visitor's comments on the post's threads from `first` to before `after` (tree
    ids, None for no bound) that still await moderation, in thread order.

    One small query, remembered under the site's version like the page itself: approving,
    removing, editing or moving a comment bumps it, so the next view asks again.
    """
    own = visitor.own_comments(request)
    if not own:
        return []
    ids = ",".join(map(str, own))
    key = f"own:{pagecache.content_state()}:{post_id}:{first}:{after}:{ids}"
    rows = pagecache.local.get(key)
    if rows is None:
        rows = query(own, post_id, first, after)
        pagecache.local.set(key, rows, pagecache.DAY)
    return rows


def query(own, post_id, first, after):
    rows = Comment.objects.filter(pk__in=own, post_id=post_id, status__in=WAITING)
    if first is not None:
        rows = rows.filter(tree_id__gte=first)
    if after is not None:
        rows = rows.filter(tree_id__lt=after)
    fields = [name for name in Row._fields if name != "is_author"]
    values = (
        rows.annotate(created=CREATED)
        .order_by("tree_id", "lft")
        .values_list(*fields, "parent_id", "parent__author_name", "parent__status")
    )
    return [
        (Row(*value[: len(fields)], is_author=False), *value[len(fields) :]) for value in values
    ]


def spliced(html, rows, end):
    """`html` (the thread, or a whole page: str or bytes) with an <article> for each of
    `rows` (from waiting()): a reply before its parent's closing tag, anything else (a new
    thread, a reply whose parent is not on the page) at `end`."""
    if not rows:
        return html
    encode = (lambda text: text.encode()) if isinstance(html, bytes) else str
    link = Links(
        permalink=address_prefix("comments:permalink", pk=0),
        reply="",  # a comment awaiting moderation cannot be answered yet
        zone=timezone.get_current_timezone(),
    )
    for row, parent_id, parent_name, parent_status in rows:
        where = closing_tag(html, parent_id, encode) if parent_id else None
        if where is None or where > end:
            where = end
        answers = None
        if row.level > MAX_INDENT:  # past the indent, the thread says whom it answers
            shown = parent_status == Comment.Status.APPROVED
            answers = (row.level - 1, parent_id, parent_name if shown else None)
        piece = encode(article(row, " comment--pending", link, answers, pending=True) + CLOSE)
        html = html[:where] + piece + html[where:]
        end += len(piece)
    return html


def closing_tag(html, pk, encode):
    """Where the </article> of comment `pk` starts in `html`, or None if it is not there."""
    start = html.find(encode(f'<article id="comment-{pk}" '))
    if start < 0:
        return None
    opening, closing = encode(OPEN), encode(CLOSE)
    depth, at = 1, start + len(opening)
    while True:
        close = html.find(closing, at)
        if close < 0:
            return None
        following = html.find(opening, at, close)
        if following >= 0:
            depth, at = depth + 1, following + len(opening)
            continue
        depth -= 1
        if depth == 0:
            return close
        at = close + len(closing)


def adapted(request, page, notes):
    """The cached `page` for a visitor with comments of their own (align.pagecache calls
    this): theirs that wait for moderation, in place on the post's thread."""
    if NOTE not in notes:
        return page
    post_id, first, after = notes[NOTE]
    rows = waiting(request, post_id, first, after)
    if not rows:
        return page
    section = page.find(SECTION)
    end = page.find(b"</section>", section)
    if section < 0 or end < 0:
        return page
    links = page.rfind(BOTTOM_LINKS, section, end)
    return spliced(page, rows, links if links >= 0 else end)
