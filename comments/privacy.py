"""Commenters' personal data: erased on request (the admin's "Erase commenter's data")
and addresses cleared after COMMENTS_IP_RETENTION_DAYS (manage.py purge_comment_ips)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Concat
from django.dispatch import Signal
from django.shortcuts import render
from django.utils import timezone

from align.cache import site
from comments import services, visitor
from comments.models import Comment
from comments.pages import thread_cache


def notice(request):
    """The privacy notice, /privacy/: its figures come from the settings it describes."""
    context = {
        "retention_days": settings.COMMENTS_IP_RETENTION_DAYS,
        "contact_email": settings.CONTACT_EMAIL,
        "author_days": visitor.AUTHOR_DAYS,
        "own_days": visitor.OWN_DAYS,
    }
    return render(request, "comments/privacy.html", context)


# Sent with `emails` once a commenter's data is erased, so an app that keeps more under
# those addresses (subscriptions) erases it too; receivers return how many they removed.
commenter_erased = Signal()

ANONYMOUS = "Anonymous"
# What is left of who wrote a comment once their data is erased; the text stays.
IDENTITY_ERASED = {
    "author_name": ANONYMOUS,
    "author_email": "",
    "author_url": "",
    "ip_address": None,
    "user_agent": "",
    "notify_replies": False,
}
# A comment removed for good that others answered: a placeholder with nothing in it.
EMPTIED = {**IDENTITY_ERASED, "body": "", "body_html": ""}


def emails_of(comments):
    """The commenters' addresses among `comments`, lower-cased; staff replies are not
    commenters' data, and an already erased comment has no address."""
    return sorted(
        {c.author_email.lower() for c in comments if c.author_email and c.user_id is None}
    )


def comments_of(emails):
    """Every comment written with one of these addresses, on any post, by anyone not
    signed in as staff (their own replies stay theirs)."""
    if not emails:
        return Comment.objects.none()
    match = Q()
    for email in emails:
        match |= Q(author_email__iexact=email)
    return Comment.objects.filter(match).exclude(user__is_staff=True)


def anonymize(comments, user):
    """Keeps the comments' text under the name "Anonymous"; returns how many changed."""
    pks = [comment.pk for comment in comments]
    with transaction.atomic():
        Comment.objects.filter(pk__in=pks).update(**IDENTITY_ERASED)
        forget_names(pks)
        log(
            user,
            pks,
            CHANGE,
            "Erased the commenter's data: name, email, website, IP "
            "address and user agent (the text is kept).",
        )
    threads_changed(comments)
    return len(pks)


def remove(comments, user):
    """Removes the comments for good (services.remove_for_good): (deleted, emptied)."""
    deleted, emptied = services.remove_for_good(comments, EMPTIED)
    with transaction.atomic():
        forget_names([comment.pk for comment in comments])
        log(user, deleted, DELETION, "Erased the commenter's data: deleted.")
        log(
            user,
            emptied,
            CHANGE,
            "Erased the commenter's data: emptied, kept as a placeholder for the replies.",
        )
    threads_changed(comments)
    return len(deleted), len(emptied)


def forget_names(pks):
    """The admin's history names a comment by its writer ("Name on Post"): no longer."""
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id__in=map(str, pks)
    ).update(
        object_repr=Concat(
            Value("Comment "), "object_id", Value(ERASED_REPR), output_field=CharField()
        )
    )


ERASED_REPR = " (commenter's data erased)"


def log(user, pks, action_flag, message):
    kind = ContentType.objects.get_for_model(Comment)
    LogEntry.objects.bulk_create(
        LogEntry(
            user_id=user.pk,
            content_type=kind,
            object_id=str(pk),
            object_repr=f"Comment {pk}{ERASED_REPR}",
            action_flag=action_flag,
            change_message=message,
        )
        for pk in pks
    )


def threads_changed(comments):
    """update() sends no signal: the posts' cached threads and every page are stale."""
    site.clear()
    for post_id in sorted({comment.post_id for comment in comments}):
        thread_cache(post_id).clear()


def retention_cutoff(days=None):
    days = settings.COMMENTS_IP_RETENTION_DAYS if days is None else days
    return timezone.now() - timedelta(days=days)


def purge_addresses(days=None):
    """Clears the IP address and user agent of comments older than the retention
    period; returns how many comments had one. Readers see neither, so no page changes."""
    old = Comment.objects.filter(created_at__lt=retention_cutoff(days))
    kept = Q(ip_address__isnull=False) | ~Q(user_agent="")
    return old.filter(kept).update(ip_address=None, user_agent="")
