"""The signed links in following emails, and what each one names. A confirmation link
expires after CONFIRM_LIFETIME and works once (its nonce is the subscriber's current one);
an address's page and a stop link work for as long as what they name exists."""

from datetime import timedelta
from email.utils import parseaddr
from urllib.parse import quote

from django.conf import settings
from django.core import signing
from django.urls import reverse

from comments.notifications import absolute

CONFIRM_LIFETIME = timedelta(days=7)
CONFIRM_SALT = "subscriptions.confirm"
ADDRESS_SALT = "subscriptions.address"
STOP_SALT = "subscriptions.stop"


def confirm_url(subscriber, nonce, site=None):
    token = signing.dumps([subscriber.pk, nonce], salt=CONFIRM_SALT)
    return absolute(reverse("follow_confirm", args=[token]), site)


def read_confirm(token):
    """(subscriber pk, nonce); SignatureExpired after CONFIRM_LIFETIME, BadSignature if it
    is not one of ours."""
    value = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_LIFETIME)
    try:
        pk, nonce = value
    except (TypeError, ValueError):
        raise signing.BadSignature("Not a confirmation") from None
    return int(pk), str(nonce)


def address_path(subscriber):
    """The address page's link on this site (for the site's own pages)."""
    return reverse("follow_address", args=[signing.dumps(subscriber.pk, salt=ADDRESS_SALT)])


def address_url(subscriber, site=None):
    return absolute(address_path(subscriber), site)


def read_address(token):
    """The subscriber pk an address page's link names; BadSignature if not ours."""
    return int(signing.loads(token, salt=ADDRESS_SALT))


def stop_token(subscription):
    return signing.dumps(subscription.pk, salt=STOP_SALT)


def stop_url(subscription, site=None):
    return absolute(reverse("follow_stop", args=[stop_token(subscription)]), site)


def read_stop(token):
    """The subscription pk a stop link names; BadSignature if not ours."""
    return int(signing.loads(token, salt=STOP_SALT))


def unsubscribe_mailbox():
    """Where the List-Unsubscribe mailto goes: CONTACT_EMAIL, else the sender's address."""
    return settings.CONTACT_EMAIL or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]


def list_unsubscribe(subscription, site=None):
    """The List-Unsubscribe headers (RFC 2369 and RFC 8058's one-click POST) of an email
    sent for `subscription`."""
    mailto = (
        f"mailto:{unsubscribe_mailbox()}?subject={quote('unsubscribe ' + stop_token(subscription))}"
    )
    return {
        "List-Unsubscribe": f"<{stop_url(subscription, site)}>, <{mailto}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
