"""Undo for the queue's moderation (Approve, Mark as spam, Remove): a button in the message
that reports the change, one click putting each comment's status back as it was.

What to put back travels in the button's form, signed, so it cannot be altered; a comment
whose status changed again meanwhile is left as it is (comments.services.restore_status).
"""

from django.core import signing
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils.html import format_html

from comments.models import Comment

SALT = "comments.admin.undo"
MAX_AGE = 24 * 60 * 60  # an Undo older than a day is no longer offered
# A bulk change of more comments than this gets no Undo: its button rides in the message
# cookie, which holds about 2 kB.
MOST = 60


class Expired(ValueError):
    """The Undo was altered, is too old, or names statuses that do not exist."""


def button(request, before, now):
    """The Undo form for a change that gave `before`'s comments ({pk: status before}) the
    status `now`; empty when there is nothing to undo or too much to carry."""
    if not before or len(before) > MOST:
        return ""
    token = signing.dumps({"before": before, "now": now}, salt=SALT, compress=True)
    return format_html(
        '<form method="post" action="{}" class="undo-form">'
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
        '<input type="hidden" name="undo" value="{}">'
        '<button type="submit" class="undo-button">Undo</button></form>',
        reverse("admin:comments_comment_undo"),
        get_token(request),
        token,
    )


def read(token):
    """({pk: status before}, status now) from a button's token, or Expired."""
    try:
        data = signing.loads(token or "", salt=SALT, max_age=MAX_AGE)
        before = {int(pk): status for pk, status in data["before"].items()}
        now = data["now"]
    except (signing.BadSignature, KeyError, TypeError, ValueError, AttributeError):
        raise Expired from None
    if not set(before.values()) | {now} <= set(Comment.Status.values):
        raise Expired
    return before, now


def undone(restored):
    """The message for the comments an Undo restored."""
    if len(restored) == 1:
        [comment] = restored
        status = comment.get_status_display().lower()
        return f"Undone: {comment.author_name}’s comment is {status} again."
    if restored:
        return f"Undone: {len(restored)} comments are as they were."
    return "Nothing to undo: those comments have changed since."
