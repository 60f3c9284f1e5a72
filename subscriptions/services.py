"""Asking to follow, confirming and stopping: the rules, whichever page or command calls.
Mail is queued in the same transaction as the change that calls for it."""

import logging
import secrets
from datetime import timedelta
from enum import StrEnum

from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from comments.forms import EMAIL_LENGTH
from comments.models import Comment
from subscriptions import links, mail
from subscriptions.models import Subscriber, Subscription

logger = logging.getLogger(__name__)
# At most one confirmation email an hour to an address, however often it is asked for.
CONFIRM_EVERY = timedelta(hours=1)


class Asked(StrEnum):
    SENT = "sent"  # a confirmation email is on its way
    WAITING = "waiting"  # one was sent less than CONFIRM_EVERY ago; its link confirms this too
    ALREADY = "already"  # the address follows it already


class LinkUsed(Exception):
    """A confirmation link already used, or replaced by a newer one."""


def lock_subscriber(email):
    """The address's Subscriber, made if new, locked until the transaction ends."""
    try:
        with transaction.atomic():
            Subscriber.objects.get_or_create(email=email)
    except IntegrityError:  # made at the same moment by another request
        pass
    return Subscriber.objects.select_for_update().get(email=email)


def ask(email, kind, thread=None, site=None):
    """`email` asks to follow new posts (kind POSTS) or the conversation `thread` (a
    comment without a parent): nothing is sent to it until it confirms. Returns Asked."""
    with transaction.atomic():
        subscriber = lock_subscriber(email.lower())
        subscription, _ = Subscription.objects.get_or_create(
            subscriber=subscriber, kind=kind, thread=thread
        )
        if subscription.confirmed_at:
            return Asked.ALREADY
        return send_confirmation(subscriber, site)


def send_confirmation(subscriber, site=None):
    """Queues the confirmation of everything `subscriber` (locked) has pending, unless one
    went less than CONFIRM_EVERY ago; a new link replaces the one before."""
    now = timezone.now()
    sent = subscriber.confirmation_sent_at
    if sent and now - sent < CONFIRM_EVERY:
        return Asked.WAITING
    subscriber.confirm_nonce = secrets.token_urlsafe(16)
    subscriber.confirmation_sent_at = now
    subscriber.save(update_fields=["confirm_nonce", "confirmation_sent_at"])
    pending = list(subscriber.subscriptions.pending().select_related("thread__post"))
    mail.confirmation(subscriber, subscriber.confirm_nonce, pending, site).send()
    return Asked.SENT


def confirmable(token):
    """The subscriber a confirmation link is for, with what it would confirm. Raises
    signing.SignatureExpired, signing.BadSignature, or LinkUsed."""
    pk, nonce = links.read_confirm(token)
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None or not nonce or subscriber.confirm_nonce != nonce:
        raise LinkUsed
    return subscriber


def confirm(token, shown):
    """Confirms what the link's page showed (`shown`: subscription ids) of what its address
    has pending, once; returns the subscriber. Anything asked for since waits for the next
    confirmation email (send_due_confirmations). Raises as confirmable() does."""
    with transaction.atomic():
        pk = confirmable(token).pk
        list(Subscriber.objects.select_for_update().filter(pk=pk))
        subscriber = confirmable(token)  # again under the lock: two clicks confirm once
        chosen = subscriber.subscriptions.pending().filter(pk__in=shown)
        chosen.update(confirmed_at=timezone.now())
        subscriber.confirm_nonce = ""
        subscriber.save(update_fields=["confirm_nonce"])
    return subscriber


def stop(subscriptions):
    """Stops the given subscriptions (a queryset); returns how many there were. An address
    left following nothing is forgotten."""
    with transaction.atomic():
        chosen = Subscription.objects.filter(
            pk__in=list(subscriptions.values_list("pk", flat=True))
        )
        owners = set(chosen.values_list("subscriber", flat=True))
        _, deleted = chosen.delete()
        Subscriber.objects.filter(pk__in=owners, subscriptions__isnull=True).delete()
    return deleted.get("subscriptions.Subscription", 0)


def send_due_confirmations(site=None):
    """Addresses that asked for more after their last confirmation email, once the hour is
    up, get a new one: asking within the hour is never lost."""
    since = timezone.now() - CONFIRM_EVERY
    later = Subscription.objects.pending().filter(
        subscriber=OuterRef("pk"), created_at__gt=OuterRef("confirmation_sent_at")
    )
    due = Subscriber.objects.filter(Exists(later), confirmation_sent_at__lt=since)
    for pk in due.values_list("pk", flat=True):
        with transaction.atomic():
            subscriber = Subscriber.objects.select_for_update().get(pk=pk)
            send_confirmation(subscriber, site)


def take_up_follow_requests(site=None):
    """Comments whose writers ticked "Email me new comments in this conversation" become
    requests to follow their conversation, confirmed like any other; the flag is cleared
    in the same transaction. Spam and removed comments ask nothing."""
    asked = Comment.objects.filter(follow_thread=True).select_related("post")
    for comment in asked.order_by("pk").iterator():
        email = comment.author_email.lower()
        wanted = comment.status in Comment.ANSWERABLE and 0 < len(email) <= EMAIL_LENGTH
        with transaction.atomic():
            taken = Comment.objects.filter(pk=comment.pk, follow_thread=True)
            if taken.update(follow_thread=False) and wanted:
                ask(email, Subscription.Kind.THREAD, comment.get_root(), site)


def forget_unconfirmed():
    """Requests never confirmed within the link's lifetime (from the last email sent for
    them) are deleted, and with them an address that follows nothing: nothing is kept of an
    address that never said yes."""
    since = timezone.now() - links.CONFIRM_LIFETIME
    stale = Subscription.objects.pending().filter(created_at__lt=since)
    stale = stale.exclude(subscriber__confirmation_sent_at__gte=since)
    return stop(stale)


def erase_addresses(sender, emails, **kwargs):
    """The erasure of a commenter's data (comments.privacy) stops their subscriptions too;
    returns how many."""
    return stop(Subscription.objects.filter(subscriber__email__in=[e.lower() for e in emails]))
