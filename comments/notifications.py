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
# Where `make run` serves the site: the links' address with neither SITE_URL nor a request.
LOCAL_SITE = "http://127.0.0.1:8000"


def site_url(request=None):
    """The site's address for links that leave it (emails, the WXR file), without a
    trailing slash: SITE_URL when set (production sets it); else the address `request`
    came to, whose host ALLOWED_HOSTS vouches for; else the local server's."""
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return LOCAL_SITE


def absolute(path, site=None):
    """`path` on the site: `site` is the address of the request that caused the mail."""
    return (settings.SITE_URL or site or LOCAL_SITE).rstrip("/") + path


def unsubscribe_token(comment):
    return signing.dumps(comment.pk, salt=UNSUBSCRIBE_SALT)


def comment_from_token(token):
    """The comment an unsubscribe link was made for; BadSignature if it was altered."""
    return Comment.objects.select_related("post").get(
        pk=signing.loads(token, salt=UNSUBSCRIBE_SALT)
    )


def comment_saved(comment, site=None):
    """Queues the mail a new comment calls for: moderators hear of a held comment, a reader
    of the therapist's answer, its links on `site` (see absolute()). Runs inside the
    comment's transaction, so the mail leaves exactly when the comment is committed; mail
    trouble is logged, never costs the comment."""
    for compose in (moderators_mail, reply_mail):
        try:
            message = compose(comment, site)
            if message:
                with transaction.atomic():  # a savepoint: a failed insert spares the comment
                    message.send()
        except Exception:
            logger.exception("Could not queue %s for comment %s", compose.__name__, comment.pk)


def moderators_mail(comment, site=None):
    if comment.status != Comment.Status.PENDING or not settings.MODERATOR_EMAILS:
        return None
    context = {
        "comment": comment,
        "admin_url": absolute(reverse("admin:comments_comment_change", args=[comment.pk]), site),
        "queue_url": absolute(reverse("admin:comments_comment_changelist"), site),
    }
    return EmailMessage(
        subject=f"Comment waiting: {comment.author_name} on “{comment.post.title}”",
        body=render_to_string("comments/email/held.txt", context),
        to=settings.MODERATOR_EMAILS,
    )


def reply_mail(comment, site=None):
    parent = comment.parent
    if not (comment.by_staff and parent and parent.notify_replies):
        return None
    if parent.user_id == comment.user_id:
        return None
    token = unsubscribe_token(parent)
    unsubscribe = absolute(reverse("comments:unsubscribe", args=[token]), site)
    context = {
        "comment": comment,
        "parent": parent,
        "reply_url": absolute(comment.get_absolute_url(), site),
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
