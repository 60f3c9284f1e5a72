"""Emails about comments, queued in the comment's own transaction (django-mailer's
database backend, see settings) and sent by the mailer service once it is committed."""

import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
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


def comment_saved(comment):
    """Queues the mail a new comment calls for: moderators hear of a held comment, a reader
    of the therapist's answer. Runs inside the comment's transaction, so the mail leaves
    exactly when the comment is committed; mail trouble is logged, never costs the comment."""
    for compose in (moderators_mail, reply_mail):
        try:
            message = compose(comment)
            if message:
                with transaction.atomic():  # a savepoint: a failed insert spares the comment
                    message.send()
        except Exception:
            logger.exception("Could not queue %s for comment %s", compose.__name__, comment.pk)


def moderators_mail(comment):
    if comment.status != Comment.Status.PENDING or not settings.MODERATOR_EMAILS:
        return None
    context = {
        "comment": comment,
        "admin_url": absolute(reverse("admin:comments_comment_change", args=[comment.pk])),
        "queue_url": absolute(reverse("admin:comments_comment_changelist")),
    }
    return EmailMessage(
        subject=f"Comment waiting: {comment.author_name} on “{comment.post.title}”",
        body=render_to_string("comments/email/held.txt", context),
        to=settings.MODERATOR_EMAILS,
    )


def reply_mail(comment):
    parent = comment.parent
    if not (comment.by_staff and parent and parent.notify_replies):
        return None
    if parent.user_id == comment.user_id:
        return None
    unsubscribe = absolute(reverse("comments:unsubscribe", args=[unsubscribe_token(parent)]))
    context = {
        "comment": comment,
        "parent": parent,
        "reply_url": absolute(comment.get_absolute_url()),
        "unsubscribe_url": unsubscribe,
    }
    return EmailMessage(
        subject=f"{comment.author_name} answered your comment on “{comment.post.title}”",
        body=render_to_string("comments/email/reply.txt", context),
        to=[parent.author_email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
