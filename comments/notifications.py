"""Emails about comments, queued in the comment's own transaction (django-mailer's
database backend, see settings) and sent by the mailer service once it is committed."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from comments.models import Comment

logger = logging.getLogger(__name__)
UNSUBSCRIBE_SALT = "comments.unsubscribe"
MODERATE_SALT = "comments.moderate"
MODERATE_LINK_LIFETIME = timedelta(days=7)
# comments.admin.MODERATION's keys (not imported from there: the admin imports this module).
MODERATE_ACTIONS = ("approve", "spam", "remove")
# MODERATOR_NOTIFY: which new comments the moderators hear of.
NOTIFY_CHOICES = ("held", "all")
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


@dataclass(frozen=True)
class ModerationLink:
    """What a moderation link in an email names: the comment, the action, and the status
    the comment had when the email was sent (once it has another, the link is spent)."""

    pk: int
    action: str
    status: str


def moderation_token(comment, action):
    return signing.dumps([comment.pk, action, comment.status], salt=MODERATE_SALT)


def moderation_link(token):
    """The link a token was made for; SignatureExpired once it is older than
    MODERATE_LINK_LIFETIME, BadSignature if it was altered."""
    pk, action, status = signing.loads(token, salt=MODERATE_SALT, max_age=MODERATE_LINK_LIFETIME)
    if action not in MODERATE_ACTIONS:
        raise signing.BadSignature(f"No such action: {action}")
    return ModerationLink(pk, action, status)


def moderation_links(comment, site=None):
    """{action: absolute address} of the links that moderate `comment` from an email."""
    return {
        action: absolute(
            reverse("comments:moderate", args=[moderation_token(comment, action)]), site
        )
        for action in MODERATE_ACTIONS
    }


def notify_all():
    """Whether moderators hear of every new comment (MODERATOR_NOTIFY=all), not only the
    held ones; any other value than held or all stops the start with a reason."""
    value = settings.MODERATOR_NOTIFY
    if value not in NOTIFY_CHOICES:
        raise ImproperlyConfigured(
            f"MODERATOR_NOTIFY={value!r}: give held (email the moderators about comments "
            "waiting for them) or all (about every new comment)."
        )
    return value == "all"


# Checked as the site starts (the admin loads this module), not at the first comment.
notify_all()


def comment_saved(comment, site=None):
    """Queues the mail a new comment calls for: moderators hear of a held comment (of any
    reader's comment with MODERATOR_NOTIFY=all), a reader of the therapist's answer, its
    links on `site` (see absolute()). Runs inside the
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
    held = comment.status == Comment.Status.PENDING
    approved = comment.status == Comment.Status.APPROVED
    wanted = held or (approved and not comment.by_staff and notify_all())
    if not wanted or not settings.MODERATOR_EMAILS:
        return None
    context = {
        "comment": comment,
        "admin_url": absolute(reverse("admin:comments_comment_change", args=[comment.pk]), site),
        "queue_url": absolute(reverse("admin:comments_comment_changelist"), site),
        "links": moderation_links(comment, site),
        "days": MODERATE_LINK_LIFETIME.days,
    }
    if held:
        subject, template = "Comment waiting", "comments/email/held.txt"
    else:
        subject, template = "New comment", "comments/email/new.txt"
    return EmailMessage(
        subject=f"{subject}: {comment.author_name} on “{comment.post.title}”",
        body=render_to_string(template, context),
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
