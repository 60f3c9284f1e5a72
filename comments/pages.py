"""A long thread in pages: whole top-level threads, oldest first (or newest first, with
`?corder=newest`), about PER_PAGE comments to a page, so a post with a thousand comments is
not a megabyte of HTML on a phone. A thread longer than LONG_THREAD pages' worth is cut
across pages too, so no page holds thousands of comments.

A page is a range of tree ids (each top-level comment heads a tree of its own, and trees
are numbered in the order their first comments were written), so a comment's page is its
tree's, whoever looks: a visitor's own pending reply sits on its thread's page, a new
thread on the last one (the first one, newest first). A long thread's pages are ranges of
its tree in tree order (lft). Newest first is the same threads in the reverse order, split
from the newest end.
"""

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import NamedTuple

from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce

from align.cache import VersionedCache
from comments.models import Comment

PAGE_PARAMETER = "cpage"
# The order of the threads: oldest first unless the address says `?corder=newest`.
ORDER_PARAMETER = "corder"
NEWEST = "newest"
PER_PAGE = 100
# A last page of this many comments or fewer stays on the page before it: a thread of
# 110 comments is one page, not 100 and 10.
ORPHANS = 25
# A thread of more than this many pages' worth of comments is cut into pages, not drawn on
# one: a reply chain thousands long would be megabytes of HTML.
LONG_THREAD = 3


@dataclass(frozen=True)
class Layout:
    starts: tuple  # the first tree id of pages 2, 3, ... (falling, newest first)
    total: int  # approved comments on all pages
    threads: int = 0  # top-level threads with an approved comment
    newest: bool = False  # the newest thread first
    # (tree id, lft, pk) of each comment that starts a page inside a long thread. A new
    # held reply changes no page (its post's cache stays), but it moves the lft of every
    # comment after it: pages are bounded by these comments, where they are now.
    cuts: tuple = ()

    @property
    def count(self):
        return len(self.starts) + len(self.cuts) + 1

    @property
    def marks(self):
        """Where pages 2, 3, ... start: (place() key, the pk of the comment that starts
        the page inside a thread, else None); lft 0 is before a whole thread."""
        key = -1 if self.newest else 1
        starts = [(key * tree_id, 0, None) for tree_id in self.starts]
        return sorted(starts + [(key * tree_id, lft, pk) for tree_id, lft, pk in self.cuts])

    def page_of(self, tree_id, lft=1):
        place = self.place(Position(tree_id, lft))
        return bisect_right(self.marks, place, key=lambda mark: mark[:2]) + 1

    def current(self):
        """The layout with its cuts where their comments are now (see `cuts`)."""
        if not self.cuts:
            return self
        found = dict(
            Comment.objects.filter(pk__in=[pk for *_, pk in self.cuts]).values_list("pk", "lft")
        )
        cuts = tuple((tree_id, found.get(pk, lft), pk) for tree_id, lft, pk in self.cuts)
        return replace(self, cuts=cuts)

    def bounds(self, page):
        """Where `page` starts and where the next one does, as marks: None when open."""
        marks = self.marks
        return (
            marks[page - 2] if page > 1 else None,
            marks[page - 1] if page <= len(marks) else None,
        )

    def trees(self, page):
        """The tree ids on `page`, whole or in part, as (from, to before): either end None
        when open."""
        start, end = self.bounds(page)
        # A mark with an lft cuts its thread: the page holds part of that tree.
        if self.newest:
            first = end and -end[0] + (0 if end[1] else 1)
            return first, start and -start[0] + 1
        return start and start[0], end and end[0] + (1 if end[1] else 0)

    def holding(self, comments, page):
        """Those of `comments` (a queryset) on `page`."""
        first, after = self.trees(page)
        if first is not None:
            comments = comments.filter(tree_id__gte=first)
        if after is not None:
            comments = comments.filter(tree_id__lt=after)
        start, end = self.bounds(page)
        if start and start[2]:
            comments = comments.exclude(tree_id=abs(start[0]), lft__lt=lft_now(*start[1:]))
        if end and end[2]:
            comments = comments.exclude(tree_id=abs(end[0]), lft__gte=lft_now(*end[1:]))
        return comments

    def place(self, comment):
        """Where `comment` (a row with tree_id and lft) goes on its page: a sort key."""
        return (-comment.tree_id if self.newest else comment.tree_id), comment.lft


class Position(NamedTuple):
    """Where a comment is: its tree, and its place in it."""

    tree_id: int
    lft: int


def lft_now(lft, pk):
    """The lft comment `pk` has now, as SQL (`lft`, as measured, if it is gone)."""
    return Coalesce(Subquery(Comment.objects.filter(pk=pk).values("lft")), lft)


def newest_first(request):
    """Whether the address asks for the newest thread first (its links write
    `?corder=newest`; anything else is the default, oldest first)."""
    return request.GET.getlist(ORDER_PARAMETER) == [NEWEST]


def thread_cache(post_id):
    """What is cached of the post's thread (its layout, its pages' HTML), kept until one of
    its comments changes."""
    return VersionedCache(f"thread:{post_id}")


def layout(post, thread=None, newest=False):
    """Where the post's pages start, in either order, cached until one of its comments
    changes: one query, a row per top-level thread. `thread`: the post's thread_cache(), if
    at hand."""
    thread = thread or thread_cache(post.pk)
    key = f"layout:{NEWEST if newest else 'oldest'}"
    return thread.get_or_set(key, lambda: measure(post, newest))


def measure(post, newest=False):
    """The post's pages as the database has them now: one query, a row per thread, and
    one more for the places of the comments of long threads, if any."""
    approved = Comment.objects.approved().filter(post=post).order_by("tree_id")
    sizes = list(approved.values_list("tree_id").annotate(n=Count("pk")))
    long = [tree_id for tree_id, n in sizes if n > LONG_THREAD * PER_PAGE]
    places = {}
    if long:
        rows = approved.filter(tree_id__in=long).order_by("tree_id", "lft")
        for tree_id, lft, pk in rows.values_list("tree_id", "lft", "pk"):
            places.setdefault(tree_id, []).append((lft, pk))
    return split(sizes, newest, places)


def split(sizes, newest=False, places=None):
    """Pages from (tree id, approved comments) in tree order: a new page starts once one
    holds PER_PAGE comments, unless no more than ORPHANS are left. A thread of more than
    LONG_THREAD pages' worth is cut too, wherever a page is full, unless no more than
    ORPHANS of it are left: at the approved comment that starts the next page (`places`:
    {tree id: [(lft, pk), ...] in tree order}). Newest first, the pages are counted
    from the last thread back, so the short one is the oldest."""
    sizes = list(sizes)
    if newest:
        sizes.reverse()
    left = sum(n for _, n in sizes)
    total, starts, cuts, on_page = left, [], [], 0
    for tree_id, n in sizes:
        if on_page >= PER_PAGE and left > ORPHANS:
            starts.append(tree_id)
            on_page = 0
        inside = []
        if n > LONG_THREAD * PER_PAGE:
            inside = list(range(PER_PAGE - on_page, n - ORPHANS, PER_PAGE))
            cuts += [(tree_id, *places[tree_id][at]) for at in inside]
        on_page = n - inside[-1] if inside else on_page + n
        left -= n
    return Layout(tuple(starts), total, len(sizes), newest, tuple(cuts))


def query(page, newest=False):
    """The query string of comment page `page` in its order, as every link writes it (the
    order, then the page; page 1, oldest first, has none): canonical.py redirects others."""
    parts = [f"{ORDER_PARAMETER}={NEWEST}"] if newest else []
    if page > 1:
        parts.append(f"{PAGE_PARAMETER}={page}")
    return "&".join(parts)


def page_url(post, page, fragment="", newest=False):
    """The address of the post's comment page `page` (page 1 has no parameter)."""
    written = query(page, newest)
    return f"{post.get_absolute_url()}{'?' if written else ''}{written}{fragment}"


def comment_url(comment, newest=False):
    """The page holding `comment` in the order asked for, scrolled to it."""
    page = layout(comment.post, newest=newest).current().page_of(comment.tree_id, comment.lft)
    return page_url(comment.post, page, f"#comment-{comment.pk}", newest)


def page_links(post, page, count, newest=False):
    """The page numbers to link, with None for a gap: the first, the last, and two either
    side of `page` (a post with 70 pages gets a short row, not 70 links)."""
    shown = sorted({1, count, *range(max(1, page - 2), min(count, page + 2) + 1)})
    links, last = [], 0
    for number in shown:
        if number > last + 1:
            links.append(None)
        links.append(
            {
                "number": number,
                "url": page_url(post, number, "#comments", newest),
                "current": number == page,
            }
        )
        last = number
    return links
