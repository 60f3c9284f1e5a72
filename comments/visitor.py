"""What the visitor's browser remembers, in signed cookies (no session, no query)."""

import json

from django.conf import settings

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
    return [int(pk) for pk in value.split(",") if pk.isdigit()]


def add_own_comment(request, response, pk):
    kept = [*own_comments(request), pk][-OWN_KEPT:]
    set_cookie(request, response, OWN_COOKIE, ",".join(map(str, kept)), OWN_DAYS)


def client_ip(request):
    """The visitor's address. Behind our proxy, the last X-Forwarded-For entry: the one the
    proxy itself added (anything before it came from the client and proves nothing)."""
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
        if forwarded:
            return forwarded
    return request.META.get("REMOTE_ADDR") or None
