"""Moderating from the moderators' email: the links' page and what its button does, with
the admin's own status change and history line."""

from django.conf import settings
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower

from comments import services
from comments.admin import MODERATED, MODERATION
from comments.models import Comment


class NoModerator(Exception):
    """No account to write the admin's history in the name of."""


def moderator():
    """Whom a link's action is logged for: the staff user whose email is in
    MODERATOR_EMAILS (the first made, should there be several), else the first superuser."""
    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    emails = [email.lower() for email in settings.MODERATOR_EMAILS]
    staff = users.alias(address=Lower("email")).filter(is_staff=True, address__in=emails)
    user = staff.first() or users.filter(is_superuser=True).first()
    if user is None:
        raise NoModerator
    return user


def label(link):
    """The link's button, as the admin's queue names it."""
    return MODERATION[link.action][1]


def spent(link, comment):
    """Whether the link can no longer act: the comment's status changed since the email
    (another of its links was used, or the admin), or is already the action's."""
    return comment.status != link.status or comment.status == MODERATION[link.action][0]


def act(link):
    """The link's action, unless it is spent: returns the comment as it is now, and whether
    this changed it."""
    user = moderator()
    status, _, done = MODERATION[link.action]
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=link.pk)
        if spent(link, comment):
            return comment, False
        before = services.set_status([comment], status)
        if before:
            was = Comment.Status(before[comment.pk]).label
            LogEntry.objects.log_actions(
                user.pk,
                [comment],
                CHANGE,
                change_message=MODERATED.format(done=done, was=was),
                single_object=True,
            )
    return comment, bool(before)
