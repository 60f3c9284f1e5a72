"""Emails about comments, sent after the comment is committed; a failure is logged only."""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse

from comments.models import Comment

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "comments.unsubscribe"


def absolute(path):
    return settings.SITE_URL.rstrip("/") + path


def unsubscribe_token(comment):
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def comment_from_token(token):
    """The comment an unsubscribe link was made for; BadSignature if it was altered."""
    return Comment.objects.select_related("post").get(
        pk=signing.loads(token, salt=UNSUBSCRIBE_SALT)
    )


def comment_saved(pk):
    """Runs after commit: tells moderators of a held comment, a reader of her answer."""
    comment = Comment.objects.select_related("post", "parent", "user").get(pk=pk)
    for send in (tell_moderators, tell_commenter):
        try:
            send(comment)
        except Exception:  # mail trouble must never fail the comment itself
            logger.exception("Could not send %s for comment %s", send.__name__, pk)


def tell_moderators(comment):
    if comment.status != Comment.Status.PENDING or not settings.MODERATOR_EMAILS:
        return
    context = {
        "comment": comment,
        "admin_url": absolute(reverse("admin:comments_comment_change", args=[comment.pk])),
        "queue_url": absolute(reverse("admin:comments_comment_changelist")),
    }
    EmailMessage(
        subject=f"Comment waiting: {comment.author_name} on “{comment.post.title}”",
        body=render_to_string("comments/email/held.txt", context),
        to=settings.MODERATOR_EMAILS,
    ).send()


def tell_commenter(comment):
    parent = comment.parent
    if not (comment.is_author_reply and parent and parent.notify_replies):
        return
    if parent.user_id == comment.user_id:
        return
    unsubscribe = absolute(reverse("comments:unsubscribe", args=[unsubscribe_token(parent)]))
    context = {
        "comment": comment,
        "parent": parent,
        "reply_url": absolute(comment.get_absolute_url()),
        "unsubscribe_url": unsubscribe,
    }
    EmailMessage(
        subject=f"{comment.author_name} answered your comment on “{comment.post.title}”",
        body=render_to_string("comments/email/reply.txt", context),
        to=[parent.author_email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    ).send()
