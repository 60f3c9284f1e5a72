"""Finds comment trees whose nested-set numbers disagree with their parent links; rebuilds them."""

from collections import Counter, defaultdict, namedtuple
from contextlib import ExitStack
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter

from django.db.models import Max

from blog.models import Post
from comments.models import Comment
from comments.services import tree_lock
from comments.thread import thread_changed

Node = namedtuple("Node", "pk post_id parent_id tree_id lft rght level")


@dataclass(frozen=True)
class Problem:
    tree_id: int
    post_id: int
    comment_id: int | None
    what: str

    def __str__(self):
        comment = f", comment {self.comment_id}" if self.comment_id else ""
        return f"tree {self.tree_id} (post {self.post_id}{comment}): {self.what}"


def survey():
    """Checks every tree; returns (how many trees, problems found)."""
    rows = Comment.objects.order_by("tree_id", "lft", "pk").values_list(*Node._fields)
    # One pass over the table, holding one tree at a time: it may hold a million rows.
    rows = map(Node._make, rows.iterator(chunk_size=5000))
    checked, problems = 0, []
    for _, nodes in groupby(rows, key=attrgetter("tree_id")):
        checked += 1
        problems += tree_problems(list(nodes))
    return checked, problems


def tree_problems(nodes):
    """What is wrong with one tree, given its nodes in lft order."""
    roots = [node for node in nodes if node.parent_id is None]
    tree_id, post_id = nodes[0].tree_id, (roots or nodes)[0].post_id
    found = [Problem(tree_id, post_id, None, what) for what in tree_faults(nodes, roots)]
    by_pk = {node.pk: node for node in nodes}
    open_spans = []
    for node in nodes:
        while open_spans and open_spans[-1].rght < node.lft:
            open_spans.pop()
        enclosing = open_spans[-1] if open_spans else None
        open_spans.append(node)
        found += [
            Problem(tree_id, post_id, node.pk, what)
            for what in node_faults(node, by_pk.get(node.parent_id), enclosing)
        ]
    return found


def tree_faults(nodes, roots):
    if len(roots) != 1:
        yield f"{len(roots)} top-level comments, where one starts each tree"
    top = 2 * len(nodes)
    numbers = Counter(n for node in nodes for n in (node.lft, node.rght))
    missing = [n for n in range(1, top + 1) if n not in numbers]
    stray = sorted(n for n, times in numbers.items() if times > 1 or not 1 <= n <= top)
    if missing or stray:
        yield (
            f"lft/rght should run 1..{top} without gaps: missing {few(missing)}; "
            f"repeated or out of range {few(stray)}"
        )


def node_faults(node, parent, enclosing):
    """What is wrong with one node, given its parent and the span its numbers put it in."""
    if node.lft >= node.rght:
        yield f"lft {node.lft} is not below rght {node.rght}"
    if enclosing and node.rght > enclosing.rght:
        yield f"its span {node.lft}..{node.rght} crosses comment {enclosing.pk}'s"
    if node.parent_id is None:
        if node.level != 0:
            yield f"a top-level comment at level {node.level}"
        return
    if parent is None:
        yield f"its parent, comment {node.parent_id}, is not in this tree"
        return
    if parent.post_id != node.post_id:
        yield f"it is on post {node.post_id}, its parent on post {parent.post_id}"
    if node.level != parent.level + 1:
        yield f"level {node.level} under a parent at level {parent.level}"
    if not all(parent.lft < n < parent.rght for n in (node.lft, node.rght)):
        yield f"span {node.lft}..{node.rght} outside its parent's {parent.lft}..{parent.rght}"
    elif enclosing is not parent:
        yield f"numbered inside comment {enclosing.pk}, not directly inside its parent"


def few(numbers, shown=5):
    if not numbers:
        return "none"
    more = f" and {len(numbers) - shown} more" if len(numbers) > shown else ""
    return ", ".join(map(str, numbers[:shown])) + more


def repair(tree_ids):
    """Rebuilds each tree from its parent links, under the lock of every post it touches.

    A tree with several top-level comments (two threads once given the same tree id) is
    split first: each further one starts a tree of its own.
    """
    for tree_id in tree_ids:
        posts = list(Post.objects.filter(comments__tree_id=tree_id).distinct().order_by("pk"))
        with ExitStack() as locks:
            for post in posts:
                locks.enter_context(tree_lock(post, new_tree=True))
            for split_id in split_roots(tree_id):
                rebuild(split_id)
            rebuild(tree_id)
        for post in posts:
            # The rebuild writes in bulk, without signals: the post's pages are stale.
            thread_changed(Comment(post=post))


def split_roots(tree_id):
    """Gives every top-level comment of the tree but the first a tree of its own."""
    links = Comment.objects.filter(tree_id=tree_id).order_by("lft", "pk")
    children = defaultdict(list)
    for pk, parent_id in links.values_list("pk", "parent_id"):
        children[parent_id].append(pk)
    new_ids = []
    for root in children[None][1:]:
        new_ids.append(Comment.objects.aggregate(last=Max("tree_id"))["last"] + 1)
        Comment.objects.filter(pk__in=subtree(root, children)).update(tree_id=new_ids[-1])
    return new_ids


def rebuild(tree_id):
    """Numbers a tree with one top-level comment afresh from its parent links, as
    django-mptt's partial_rebuild() does (replies in their present order), but walked with a
    stack of its own, not recursion: a chain of replies may be deeper than Python's limit."""
    nodes = Comment.objects.filter(tree_id=tree_id).order_by("lft", "pk").only("pk", "parent")
    children = defaultdict(list)
    for node in nodes:
        children[node.parent_id].append(node)
    counter, numbered = 0, []
    # An entry with no level leaves the node it holds.
    waiting = [(root, 0) for root in children[None][:1]]
    while waiting:
        node, level = waiting.pop()
        counter += 1
        if level is None:
            node.rght = counter
            continue
        node.lft, node.level = counter, level
        numbered.append(node)
        waiting.append((node, None))
        waiting.extend((child, level + 1) for child in reversed(children[node.pk]))
    Comment.objects.bulk_update(numbered, ["lft", "rght", "level"], batch_size=1000)


def subtree(pk, children):
    pks, waiting = [], [pk]
    while waiting:
        pks.append(waiting.pop())
        waiting += children[pks[-1]]
    return pks
