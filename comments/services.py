"""The one path for every change to a comment tree (add, edit, delete, move), under the
post's lock."""

from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, Max, OuterRef
from django.utils import timezone

from blog.models import Post
from comments import bulk, moderation, notifications, text
from comments.models import STAMP_LIFETIME, Comment, UsedStamp

# Key of the PostgreSQL advisory lock that serializes new threads: each top-level comment
# starts a tree, and django-mptt numbers it max(tree_id) + 1, which two concurrent
# transactions would otherwise both compute alike (django-mptt issues 236 and 555).
NEW_TREE_LOCK = 7_318_002


class TreeChangeRefused(ValueError):
    """A move that would break the thread; its message is meant for the therapist."""


class Flooding(Exception):
    """The sender's last comment is less than COMMENTS_FLOOD_SECONDS old."""


class StampUsed(Exception):
    """The form's stamp was sent before: a replay, or one form sent twice."""


@contextmanager
def tree_lock(*posts, new_tree=False):
    """A transaction in which the `posts`' comment trees change one writer at a time.

    PostgreSQL locks the posts' rows, in pk order so two writers cannot deadlock (and, for
    a change that starts a tree, the NEW_TREE_LOCK); SQLite's transactions start with
    BEGIN IMMEDIATE (see settings).
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                # set_config(), not SET LOCAL: a statement that takes bound parameters.
                cursor.execute(
                    "SELECT set_config('lock_timeout', %s, true)",
                    [f"{settings.COMMENTS_LOCK_TIMEOUT}s"],
                )
                if new_tree:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [NEW_TREE_LOCK])
        locked = Post.objects.select_for_update().filter(pk__in=[post.pk for post in posts])
        list(locked.order_by("pk").values_list("pk"))
        yield


def post_comment(
    post,
    *,
    name,
    email,
    body,
    status,
    parent=None,
    url="",
    user=None,
    ip_address=None,
    user_agent="",
    notify_replies=False,
    follow_thread=False,
    created_at=None,
    stamp=None,
    flood_check=False,
    notify=True,
    site=None,
    keep_depth=False,
):
    """Saves a comment as the last reply to `parent` (or, at the deepest level a thread
    goes to, reply_parent()'s), or as a new thread; returns it.

    The parent's nested-set numbers are read under the post's tree lock, so they are
    current when the tree is updated. From the public form: `flood_check` raises Flooding
    and a `stamp` (comments.forms.Stamp) sent before raises StampUsed, both checked in
    this transaction, so simultaneous requests cannot all pass. An imported comment is
    old news: `notify=False` queues no email, and `keep_depth=True` keeps it where it was
    answered, however deep. `site` is the address of the request that sent it, for the
    emails' links when SITE_URL is unset.
    """
    with tree_lock(post, new_tree=parent is None):
        if flood_check:
            refuse_flood(ip_address, email, user)
        if stamp:
            use_stamp(stamp.nonce)
        if parent is not None:
            parent = Comment.objects.get(pk=parent.pk, post=post)
            if user and user.is_staff and parent.status == Comment.Status.PENDING:
                # Answering a held question publishes it: the answer needs its question.
                parent.status = Comment.Status.APPROVED
                parent.save(update_fields=["status"])
            if not keep_depth:
                parent = reply_parent(parent)
        comment = Comment(
            post=post,
            parent=parent,
            author_name=name,
            author_email=email,
            author_url=url,
            body=body,
            body_html=text.render(body),
            status=status,
            user=user,
            ip_address=ip_address,
            user_agent=user_agent[:500],
            notify_replies=notify_replies,
            follow_thread=follow_thread,
            created_at=created_at or timezone.now(),
        )
        comment.save()
        if notify:
            notifications.comment_saved(comment, site)
    return comment


def deepest_level():
    """The deepest level a reply may have (top-level comments are level 0), from
    COMMENTS_MAX_DEPTH, the levels a thread goes: at least two, so a comment can always
    be answered; None when it is 0 or less (no floor)."""
    depth = settings.COMMENTS_MAX_DEPTH
    return max(depth, 2) - 1 if depth > 0 else None


def reply_parent(parent):
    """The comment a reply to `parent` is stored under: `parent`, or, when the reply would
    go deeper than deepest_level(), the ancestor of `parent` whose replies are at that
    level, so it comes last there. Nothing typed is lost, and no thread grows without end:
    each level deeper costs every later reader's page, and each reply the post's lock."""
    deepest = deepest_level()
    if parent is None or deepest is None or parent.level < deepest:
        return parent
    return parent.get_ancestors().get(level=deepest - 1)


def add_trees(post, trees):
    """Stores whole new threads at once; returns their comments, each thread in tree order.

    `trees` are Comment field values with "children", lists of the same. Thousands of
    comments (an import, a benchmark) go in here with their nested-set values counted in
    one walk: no moderation, no email, no signals (the caller refreshes the page cache
    once).
    """
    return [Comment(**row) for row in add_forests([(post, trees)])]


def add_forests(forests):
    """add_trees for many posts in one go, `forests` a list of (post, trees); returns the
    rows stored (column values), not model instances, which would cost more to make.

    New tree ids are taken under the lock that post_comment takes for a new thread.
    """
    with tree_lock(*(post for post, _ in forests), new_tree=True):
        tree_id = (Comment.objects.aggregate(top=Max("tree_id"))["top"] or 0) + 1
        rows = []
        for post, trees in forests:
            for tree in trees:
                rows.extend(lay_out(tree, post, tree_id))
                tree_id += 1
        if rows:
            bulk.insert(rows)
    return rows


def lay_out(tree, post, tree_id):
    """One thread's rows in preorder, numbered as django-mptt numbers a tree: `lft` as a
    comment is entered, `rght` as it is left, 1 to 2n; each row's "parent" is a row."""
    rows, counter = [], 0
    # Walked with a stack of its own, not recursion: a chain of replies may be deeper than
    # Python's recursion limit. An entry with no data leaves the row it holds.
    stack = [(tree, None, 0)]
    while stack:
        data, row, level = stack.pop()
        counter += 1
        if data is None:
            row["rght"] = counter
            continue
        fields = {key: value for key, value in data.items() if key != "children"}
        place = {"tree_id": tree_id, "level": level, "lft": counter}
        row = bulk.row(fields, post_id=post.pk, parent=row, **place)
        rows.append(row)
        stack.append((None, row, level))
        stack.extend((child, row, level + 1) for child in reversed(data.get("children", ())))
    return rows


def refuse_flood(ip_address, email, user):
    moderation.lock_sender(ip_address, email)
    if moderation.is_flooding(ip_address, email, user):
        raise Flooding


def use_stamp(nonce):
    """Records a form's stamp as sent, or raises StampUsed; forgets those too old to send."""
    UsedStamp.objects.filter(used_at__lt=timezone.now() - STAMP_LIFETIME).delete()
    try:
        with transaction.atomic():
            UsedStamp.objects.create(nonce=nonce)
    except IntegrityError:
        raise StampUsed from None


def delete_comment(comment):
    """Deletes a comment with its replies; returns how many comments went."""
    return delete_comments([comment])


def delete_comments(comments):
    """Deletes each comment with its replies, one post at a time; returns how many went.

    Each subtree goes through django-mptt's own delete, which closes the gap it leaves,
    so the rest of the tree stays numbered 1..2n (a QuerySet.delete() would not).
    """
    pks = [comment.pk for comment in comments]
    removed = 0
    for post in Post.objects.filter(comments__pk__in=pks).distinct().order_by("pk"):
        with tree_lock(post):
            removed += delete_subtrees(Comment.objects.filter(post=post, pk__in=pks))
    return removed


def delete_subtrees(comments):
    """Deletes the outermost of `comments`; the others go with them, as their replies."""
    removed = 0
    outer = None
    # In tree order a comment inside an earlier one's span is that one's reply.
    for comment in comments.order_by("tree_id", "lft"):
        if outer and comment.tree_id == outer.tree_id and comment.rght < outer.rght:
            continue
        outer = comment
        removed += (comment.rght - comment.lft + 1) // 2
        comment.delete()
    return removed


def removal_plan(comments):
    """What removing `comments` for good does to their threads: (deleted, emptied).

    A comment whose replies are all among `comments` goes, with them; one that someone
    else answered stays, emptied, as the placeholder "This comment was removed.", so those
    replies keep their place in the thread.
    """
    pks = [comment.pk for comment in comments]
    others_below = Comment.objects.filter(
        tree_id=OuterRef("tree_id"), lft__gt=OuterRef("lft"), rght__lt=OuterRef("rght")
    ).exclude(pk__in=pks)
    rows = Comment.objects.filter(pk__in=pks).annotate(answered=Exists(others_below))
    deleted, emptied = [], []
    for comment in rows.order_by("tree_id", "lft"):
        (emptied if comment.answered else deleted).append(comment)
    return deleted, emptied


def remove_for_good(comments, emptied_fields):
    """Removes comments for good, leaving the threads whole (see removal_plan).

    An emptied comment gets `emptied_fields` (with status "removed"). Returns the pks
    deleted and the pks emptied. Nothing here bumps the page cache for the emptied ones
    (update() sends no signal): the caller does.
    """
    pks = [comment.pk for comment in comments]
    deleted, emptied = [], []
    for post in Post.objects.filter(comments__pk__in=pks).distinct().order_by("pk"):
        with tree_lock(post):
            # Planned under the lock, so a reply written meanwhile keeps its parent.
            gone, kept = removal_plan(Comment.objects.filter(post=post, pk__in=pks))
            kept, gone = [c.pk for c in kept], [c.pk for c in gone]
            Comment.objects.filter(pk__in=kept).update(
                **emptied_fields, status=Comment.Status.REMOVED
            )
            delete_subtrees(Comment.objects.filter(pk__in=gone))
            deleted += gone
            emptied += kept
    return deleted, emptied


def set_status(comments, status):
    """Gives each of `comments` `status`, with one save() each (its signal makes the cached
    thread and pages stale); returns {pk: status before} for those it changed."""
    changed = {}
    with transaction.atomic():
        for comment in comments:
            if comment.status == status:
                continue
            changed[comment.pk] = comment.status
            comment.status = status
            comment.save(update_fields=["status"])
    return changed


def restore_status(before, now):
    """Undoes set_status(): each comment of `before` ({pk: status before}) that still has
    status `now` gets its status before back. Returns those restored, with their post; a
    comment changed since, or deleted, is left as it is."""
    restored = []
    with transaction.atomic():
        current = Comment.objects.select_for_update(of=("self",)).filter(
            pk__in=list(before), status=now
        )
        for comment in current.select_related("post").order_by("pk"):
            comment.status = before[comment.pk]
            comment.save(update_fields=["status"])
            restored.append(comment)
    return restored


def move_comment(comment, parent):
    """Moves a comment with its replies to the end of `parent`'s, or to the top level.

    Raises TreeChangeRefused when the move would leave the post, put the comment under
    itself or its own reply, or change nothing.
    """
    with tree_lock(comment.post, new_tree=parent is None):
        # Current numbers, read under the lock: the move computes from them.
        comment = current(comment)
        parent = parent and current(parent)
        refuse_move(comment, parent)
        comment.move_to(parent, "last-child")
    return comment


def current(comment):
    """The comment as stored now, its row locked: the move saves every field of it."""
    try:
        return Comment.objects.select_for_update().get(pk=comment.pk)
    except Comment.DoesNotExist:
        raise TreeChangeRefused(f"{comment.author_name}’s comment no longer exists.") from None


def refuse_move(comment, parent):
    if parent is None:
        if comment.parent_id is None:
            raise TreeChangeRefused("This comment is already at the top level.")
        return
    if parent.post_id != comment.post_id:
        raise TreeChangeRefused("A comment can only move under a comment on its own post.")
    if parent.is_descendant_of(comment, include_self=True):
        raise TreeChangeRefused("A comment cannot move under itself or one of its replies.")
    if comment.parent_id == parent.pk:
        raise TreeChangeRefused(f"This comment is already a reply to {parent.author_name}.")
    refuse_depth(comment, parent)


def refuse_depth(comment, parent):
    """A move that takes a comment's replies deeper than deepest_level() is refused (one
    that lifts them is not, even in a thread imported deeper than that)."""
    deepest, lower = deepest_level(), parent.level + 1 - comment.level
    if deepest is None or lower <= 0:
        return
    below = comment.get_descendants().aggregate(bottom=Max("level"))["bottom"]
    if (below or comment.level) + lower > deepest:
        raise TreeChangeRefused(
            f"Threads go {deepest + 1} levels deep: under {parent.author_name}’s comment, "
            "this one or its replies would go deeper. Move it under a comment higher up."
        )


def edit_comment(comment, body, status):
    """Gives a comment its writer's new `body` and the `status` the moderation rules gave
    it; False, changing nothing, when a reply came first (checked under the post's lock)."""
    with tree_lock(comment.post):
        if not Comment.objects.filter(pk=comment.pk).editable().exists():
            return False
        comment.body, comment.body_html = body, text.render(body)
        comment.status, comment.edited_at = status, timezone.now()
        comment.save(update_fields=["body", "body_html", "status", "edited_at"])
    return True


def delete_unanswered(comment):
    """Deletes a comment its writer takes back; False when a reply came first."""
    with tree_lock(comment.post):
        if not Comment.objects.filter(pk=comment.pk).editable().exists():
            return False
        return delete_subtrees(Comment.objects.filter(pk=comment.pk)) == 1
