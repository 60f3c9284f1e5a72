"""A long thread in pages: whole top-level threads, oldest first (or newest first, with
`?corder=newest`), about PER_PAGE comments to a page, so a post with a thousand comments is
not a megabyte of HTML on a phone.

A page is a range of tree ids (each top-level comment heads a tree of its own, and trees
are numbered in the order their first comments were written), so a comment's page is its
tree's, whoever looks: a visitor's own pending reply sits on its thread's page, a new
thread on the last one (the first one, newest first). Newest first is the same threads in
the reverse order, split from the newest end.
"""

from bisect import bisect_right
from dataclasses import dataclass

from django.db.models import Count

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


@dataclass(frozen=True)
class Layout:
    starts: tuple  # the first tree id of pages 2, 3, ... (falling, newest first)
    total: int  # approved comments on all pages
    threads: int = 0  # top-level threads with an approved comment
    newest: bool = False  # the newest thread first

    @property
    def count(self):
        return len(self.starts) + 1

    def page_of(self, tree_id):
        if self.newest:
            return bisect_right([-start for start in self.starts], -tree_id) + 1
        return bisect_right(self.starts, tree_id) + 1

    def trees(self, page):
        """The tree ids on `page`, as (from, to before): either end None when open."""
        if self.newest:
            first = self.starts[page - 1] + 1 if page <= len(self.starts) else None
            after = self.starts[page - 2] + 1 if page > 1 else None
            return first, after
        first = self.starts[page - 2] if page > 1 else None
        after = self.starts[page - 1] if page <= len(self.starts) else None
        return first, after

    def place(self, comment):
        """Where `comment` (a row with tree_id and lft) goes on its page: a sort key."""
        return (-comment.tree_id if self.newest else comment.tree_id), comment.lft


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
    """The post's pages as the database has them now: one query, a row per thread."""
    return split(
        Comment.objects.approved()
        .filter(post=post)
        .order_by("tree_id")
        .values_list("tree_id")
        .annotate(n=Count("pk")),
        newest,
    )


def split(sizes, newest=False):
    """Pages from (tree id, approved comments) in tree order: a new page starts once one
    holds PER_PAGE comments, unless no more than ORPHANS are left. Newest first, the pages
    are counted from the last thread back, so the short one is the oldest."""
    sizes = list(sizes)
    if newest:
        sizes.reverse()
    left = sum(n for _, n in sizes)
    total, starts, on_page = left, [], 0
    for tree_id, n in sizes:
        if on_page >= PER_PAGE and left > ORPHANS:
            starts.append(tree_id)
            on_page = 0
        on_page += n
        left -= n
    return Layout(tuple(starts), total, len(sizes), newest)


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
    page = layout(comment.post, newest=newest).page_of(comment.tree_id)
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
