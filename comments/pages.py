"""A long thread in pages: whole top-level threads, oldest first, about PER_PAGE comments
to a page, so a post with a thousand comments is not a megabyte of HTML on a phone.

A page is a range of tree ids (each top-level comment heads a tree of its own, and trees
are numbered in date order), so a comment's page is its tree's, whoever looks: a
visitor's own pending reply sits on its thread's page, a new thread on the last one.
"""

from bisect import bisect_right
from dataclasses import dataclass

from django.db.models import Count

from align.cache import VersionedCache
from comments.models import Comment

PAGE_PARAMETER = "cpage"
PER_PAGE = 100
# A last page of this many comments or fewer stays on the page before it: a thread of
# 110 comments is one page, not 100 and 10.
ORPHANS = 25


@dataclass(frozen=True)
class Layout:
    starts: tuple  # the first tree id of pages 2, 3, ...
    total: int  # approved comments on all pages

    @property
    def count(self):
        return len(self.starts) + 1

    def page_of(self, tree_id):
        return bisect_right(self.starts, tree_id) + 1

    def trees(self, page):
        """The tree ids on `page`, as (from, to): either end None when open."""
        first = self.starts[page - 2] if page > 1 else None
        after = self.starts[page - 1] if page <= len(self.starts) else None
        return first, after


def thread_cache(post_id):
    """What is cached of the post's thread (its layout, its pages' HTML), kept until one of
    its comments changes."""
    return VersionedCache(f"thread:{post_id}")


def layout(post, thread=None):
    """Where the post's pages start, cached until one of its comments changes: one query,
    a row per top-level thread. `thread`: the post's thread_cache(), if at hand."""
    thread = thread or thread_cache(post.pk)
    return thread.get_or_set("layout", lambda: measure(post))


def measure(post):
    """The post's pages as the database has them now: one query, a row per thread."""
    return split(
        Comment.objects.approved()
        .filter(post=post)
        .order_by("tree_id")
        .values_list("tree_id")
        .annotate(n=Count("pk"))
    )


def split(sizes):
    """Pages from (tree id, approved comments) in tree order: a new page starts once one
    holds PER_PAGE comments, unless no more than ORPHANS are left."""
    sizes = list(sizes)
    left = sum(n for _, n in sizes)
    total, starts, on_page = left, [], 0
    for tree_id, n in sizes:
        if on_page >= PER_PAGE and left > ORPHANS:
            starts.append(tree_id)
            on_page = 0
        on_page += n
        left -= n
    return Layout(tuple(starts), total)


def page_url(post, page, fragment=""):
    """The address of the post's comment page `page` (page 1 has no parameter)."""
    query = f"?{PAGE_PARAMETER}={page}" if page > 1 else ""
    return f"{post.get_absolute_url()}{query}{fragment}"


def comment_url(comment):
    """The page holding `comment`, scrolled to it."""
    page = layout(comment.post).page_of(comment.tree_id)
    return page_url(comment.post, page, f"#comment-{comment.pk}")


def page_links(post, page, count):
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
                "url": page_url(post, number, "#comments"),
                "current": number == page,
            }
        )
        last = number
    return links
