"""What the visitor's browser remembers, in signed cookies (no session, no query)."""

import ipaddress
import json

from django.conf import settings

from align.numbers import whole_number

AUTHOR_COOKIE = "comment_author"
OWN_COOKIE = "own_comments"
OWN_KEPT = 20
AUTHOR_DAYS = 365
OWN_DAYS = 30


def set_cookie(request, response, name, value, days):
    response.set_signed_cookie(
        name,
        value,
        salt=name,
        max_age=days * 24 * 3600,
        secure=request.is_secure(),
        httponly=True,
        samesite="Lax",
    )


def saved_author(request):
    """The name, email and website the visitor asked us to remember, or {}."""
    value = request.get_signed_cookie(AUTHOR_COOKIE, default="{}", salt=AUTHOR_COOKIE)
    try:
        data = json.loads(value)
    except ValueError:
        return {}
    return {k: v for k, v in data.items() if k in ("name", "email", "url")}


def remember_author(request, response, name, email, url):
    value = json.dumps({"name": name, "email": email, "url": url})
    set_cookie(request, response, AUTHOR_COOKIE, value, AUTHOR_DAYS)


def forget_author(request, response):
    if AUTHOR_COOKIE in request.COOKIES:
        response.delete_cookie(AUTHOR_COOKIE, samesite="Lax")


def own_comments(request):
    """Ids of the comments this browser wrote recently (to show them while pending)."""
    value = request.get_signed_cookie(OWN_COOKIE, default="", salt=OWN_COOKIE)
    return [pk for pk in map(whole_number, value.split(",")) if pk is not None]


def add_own_comment(request, response, pk):
    kept = [*own_comments(request), pk][-OWN_KEPT:]
    set_cookie(request, response, OWN_COOKIE, ",".join(map(str, kept)), OWN_DAYS)


def keep_own_comments(request, response, waiting):
    """Makes the cookie name only those of its comments in `waiting` (deletes it when that
    leaves none), unless it names no others."""
    own = own_comments(request)
    kept = [pk for pk in own if pk in waiting]
    if kept and kept == own:
        return
    if kept:
        set_cookie(request, response, OWN_COOKIE, ",".join(map(str, kept)), OWN_DAYS)
    else:
        response.delete_cookie(OWN_COOKIE, samesite="Lax")


def client_ip(request):
    """The visitor's address: the connection's, unless that comes from one of our proxies
    (TRUSTED_PROXIES); then the nearest X-Forwarded-For entry that is not a proxy of ours.

    Entries further left came from the client and prove nothing. A value that is not a
    plain address means the header cannot be read: the connection's address it is then.
    """
    remote = ip_address(request.META.get("REMOTE_ADDR") or "")
    address = remote
    hops = (request.META.get("HTTP_X_FORWARDED_FOR") or "").split(",")
    while address and trusted_proxy(address) and hops:
        address = ip_address(hops.pop())
    return str(address or remote) if remote else None


def ip_address(value):
    """The address in `value`, or None. No ports, no zone ids: a hop is a bare address."""
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if getattr(address, "scope_id", None):
        return None
    return getattr(address, "ipv4_mapped", None) or address


def trusted_proxy(address):
    return any(address in network for network in settings.TRUSTED_PROXIES)
