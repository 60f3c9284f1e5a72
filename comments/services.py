"""The one write path for new comments: the public form and the admin's reply both use it."""

from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from blog.models import Post
from comments import notifications, text
from comments.models import Comment

# Key of the PostgreSQL advisory lock that serializes new threads: each top-level comment
# starts a tree, and django-mptt numbers it max(tree_id) + 1, which two concurrent
# transactions would otherwise both compute alike (django-mptt issues 236 and 555).
NEW_TREE_LOCK = 7_318_002


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
    created_at=None,
):
    """Saves a comment as the last reply to `parent`, or as a new thread; returns it.

    Tree writes for one post happen one at a time: the post's row is locked on
    PostgreSQL, and SQLite's transactions start with BEGIN IMMEDIATE (see settings), so
    the parent's nested-set numbers read here are current when the tree is updated.
    """
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SET LOCAL lock_timeout = %s", [f"{settings.COMMENTS_LOCK_TIMEOUT}s"]
                )
                if parent is None:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [NEW_TREE_LOCK])
        list(Post.objects.select_for_update().filter(pk=post.pk).values_list("pk"))
        if parent is not None:
            parent = Comment.objects.get(pk=parent.pk, post=post)
            if user and user.is_staff and parent.status == Comment.Status.PENDING:
                # Answering a held question publishes it: the answer needs its question.
                parent.status = Comment.Status.APPROVED
                parent.save(update_fields=["status"])
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
            created_at=created_at or timezone.now(),
        )
        comment.save()
        transaction.on_commit(partial(notifications.comment_saved, comment.pk))
    return comment
