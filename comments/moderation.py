"""What happens to a new comment: the policy as data, checked in order, first match wins.

The defaults follow WordPress core: a first comment (a name and email never approved
together) waits for the therapist; a comment with COMMENTS_MAX_LINKS links or more waits;
blocklisted words, addresses and networks are spam; the honeypot and a form sent too fast
are spam too. Beyond core: a comment not signed in as staff that uses a staff member's
name or email waits, however known it looks; and a form that came back to be sent once
more (no token yet: a browser without JavaScript) and was sent again at once waits too,
since its quickness proves nothing either way.
"""

import hashlib
import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from blog.models import Author
from comments.models import BlockedTerm, Comment
from comments.text import comparable

# One per address: "https://www.example.org" is one link, not two.
LINK = re.compile(r"\bhttps?://\S+|\bwww\.\S+", re.IGNORECASE)


@dataclass(frozen=True)
class Submission:
    name: str
    email: str
    url: str
    body: str
    ip_address: str | None
    user: object = None
    form_seconds: float | None = None
    honeypot: str = ""
    resent: bool = False


@dataclass(frozen=True)
class Rule:
    name: str
    status: str
    applies: Callable[[Submission], bool]
    reason: str


def is_staff(s):
    return bool(s.user and s.user.is_staff)


def quick(s):
    minimum = settings.COMMENTS_MIN_FORM_SECONDS
    return bool(minimum) and (s.form_seconds is None or s.form_seconds < minimum)


def too_fast(s):
    return quick(s) and not s.resent


def sent_again_at_once(s):
    # The text was written before this stamp was issued: a person pressing the button
    # again at once is no robot, so it waits for the therapist rather than being spam.
    return quick(s) and s.resent


def too_many_links(s):
    maximum = settings.COMMENTS_MAX_LINKS
    # As WordPress counts: links in the text; the website field is the commenter's own.
    return bool(maximum) and len(LINK.findall(s.body)) >= maximum


def blocklisted(s):
    text = " ".join((s.name, s.email, s.url, s.body)).casefold()
    email = s.email.casefold()
    address = ipaddress.ip_address(s.ip_address) if s.ip_address else None
    for kind, value in BlockedTerm.objects.values_list("kind", "value"):
        value = value.strip().casefold()
        if not value:
            continue
        if kind == BlockedTerm.Kind.WORD and value in text:
            return True
        if kind == BlockedTerm.Kind.EMAIL and (
            email == value or (value.startswith("@") and email.endswith(value))
        ):
            return True
        if kind == BlockedTerm.Kind.IP and address and address in network(value):
            return True
    return False


def network(value):
    try:
        return ipaddress.ip_network(value, strict=False)
    except ValueError:
        return ()


def first_comment(s):
    # As WordPress: known means approved before under this email AND this name, so typing
    # a regular reader's email is not enough to be published at once.
    approved = Comment.objects.approved().filter(author_email=s.email, author_name__iexact=s.name)
    return not approved.exists()


def staff_identities():
    """Every name and email the site's staff and authors go by, as `comparable` gives them."""
    users = get_user_model().objects.filter(is_staff=True)
    values = list(Author.objects.values_list("name", flat=True))
    for username, email, first, last in users.values_list(
        "username", "email", "first_name", "last_name"
    ):
        values += [username, email, f"{first} {last}"]
    return {comparable(value) for value in values} - {""}


def uses_staff_identity(name, email, staff):
    return not staff.isdisjoint({comparable(name), comparable(email)})


def impersonates_staff(s):
    # Signed in, the staff are approved by the first rule; signed out, it could be anyone.
    return not is_staff(s) and uses_staff_identity(s.name, s.email, staff_identities())


APPROVED, PENDING, SPAM = (Comment.Status.APPROVED, Comment.Status.PENDING, Comment.Status.SPAM)

RULES = (
    Rule("staff", APPROVED, is_staff, "written by the site's staff"),
    Rule("honeypot", SPAM, lambda s: bool(s.honeypot), "filled the hidden field"),
    Rule("too fast", SPAM, too_fast, "sent faster than a person types"),
    Rule("blocklist", SPAM, blocklisted, "matches the blocklist"),
    Rule("sent again", PENDING, sent_again_at_once, "sent again at once when asked to"),
    Rule("staff name", PENDING, impersonates_staff, "uses the name or email of the staff"),
    Rule("links", PENDING, too_many_links, "has many links"),
    Rule("first comment", PENDING, first_comment, "first comment under this name and email"),
)


@dataclass(frozen=True)
class Verdict:
    status: str
    reason: str


def judge(submission):
    """The status a new comment gets, and why."""
    for rule in RULES:
        if rule.applies(submission):
            return Verdict(rule.status, rule.reason)
    return Verdict(APPROVED, "a known commenter")


def is_flooding(ip_address, email, user=None):
    """True while the same IP or email posted less than COMMENTS_FLOOD_SECONDS ago."""
    seconds = settings.COMMENTS_FLOOD_SECONDS
    if not seconds or (user and user.is_staff):
        return False
    since = timezone.now() - timedelta(seconds=seconds)
    same_sender = Q(author_email=email)
    if ip_address:
        same_sender |= Q(ip_address=ip_address)
    return Comment.objects.filter(same_sender, created_at__gte=since).exists()


def lock_sender(*senders):
    """Holds this transaction's comments from these addresses and emails to one at a time.

    PostgreSQL: an advisory lock per sender, taken in one order so two writers sharing
    two senders cannot deadlock. SQLite's write transactions are serialized anyway.
    """
    if connection.vendor != "postgresql":
        return
    keys = sorted({sender_key(sender) for sender in senders if sender})
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def sender_key(sender):
    """A stable signed 64-bit lock key for an address or email (hash() changes per run)."""
    digest = hashlib.blake2b(f"comment-sender:{sender}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)
