"""Reader pages from the cache, without serving one visitor's CSRF token to another.

Everything a reader sees changes only when the therapist or a commenter writes, so pages
are cached under a site-wide version that every write bumps (signals in apps.py; a
comment also bumps its post's thread version). Visitors with a cookie of their own (a
pending comment, saved details, a message, a login) get a fresh page, still built from the
cached comment thread. For everyone else the cached page is a template: the CSRF token and
the comment form's signed timestamp are put in per request.
"""

import hashlib
import re
import uuid
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min
from django.http import HttpResponse, HttpResponseNotModified
from django.middleware.csrf import get_token
from django.utils import timezone
from django.utils.cache import patch_vary_headers

SITE = "version:site"
DAY = 24 * 3600
PERSONAL_COOKIES = ("own_comments", "comment_author", "messages", settings.SESSION_COOKIE_NAME)
CSRF_FIELD = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+(")')
ISSUED_FIELD = re.compile(r'(name="issued" value=")[^"]+(")')
CSRF_SLOT, ISSUED_SLOT = "\x00csrf\x00", "\x00issued\x00"
CSRF_BYTES, ISSUED_BYTES = CSRF_SLOT.encode(), ISSUED_SLOT.encode()
SLOTS = re.compile(f"({re.escape(CSRF_SLOT)}|{re.escape(ISSUED_SLOT)})")


def version(key=SITE):
    """The current version of `key`; a new one if the cache forgot it."""
    value = cache.get(key)
    if value is None:
        value = uuid.uuid4().hex
        cache.add(key, value, None)
        value = cache.get(key, value)
    return value


def bump(*keys):
    """Marks everything cached under these versions as stale, now and after the commit.

    Now: this request's own next read sees the change. After the commit: a page rendered
    by another request in between, from data not yet committed, is not kept.
    """

    def new_versions():
        cache.set_many({key: uuid.uuid4().hex for key in keys}, None)

    new_versions()
    transaction.on_commit(new_versions)


def site_changed(**kwargs):
    bump(SITE)


def seconds_to_live():
    """Until the next scheduled post appears (it changes lists and neighbours), or a day."""
    from blog.models import Post

    upcoming = Post.objects.filter(
        status=Post.Status.PUBLISHED, published_at__gt=timezone.now()
    ).aggregate(next=Min("published_at"))["next"]
    if upcoming is None:
        return DAY
    return max(1, min(DAY, int((upcoming - timezone.now()).total_seconds())))


def cached_value(name, build):
    """A fragment (sidebar lists) cached under the site version."""
    key = f"fragment:{name}:{version()}"
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, seconds_to_live())
    return value


def personal(request):
    return any(name in request.COOKIES for name in PERSONAL_COOKIES)


def etag_for(request, site):
    """Changes with the content and with every cookie the page depends on.

    The CSRF secret is read where the CSRF middleware keeps it, so a first visit's ETag
    already names the cookie that its response sets.
    """
    cookies = [request.COOKIES.get(name, "") for name in PERSONAL_COOKIES]
    state = (site, request.get_full_path(), cookies, request.META.get("CSRF_COOKIE", ""))
    return f'"{hashlib.sha256(repr(state).encode()).hexdigest()[:32]}"'


def reader_page(view):
    """Caches a reader page's HTML and answers conditional GETs with 304."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        site = version()
        if request.headers.get("If-None-Match") == etag_for(request, site):
            response = HttpResponseNotModified()
        elif personal(request):
            response = render(view(request, *args, **kwargs))
        else:
            response = shared_page(request, view, args, kwargs, site)
        if response.status_code in (200, 304):
            response["ETag"] = etag_for(request, site)
            patch_vary_headers(response, ["Cookie"])
        return response

    return wrapper


def render(response):
    if hasattr(response, "render"):
        response.render()
    return response


def shared_page(request, view, args, kwargs, site):
    key = "page:" + hashlib.sha256(f"{site}:{request.get_full_path()}".encode()).hexdigest()
    parts = cache.get(key)
    if parts is None:
        response = render(view(request, *args, **kwargs))
        if response.status_code != 200 or response.cookies:
            return response
        parts = template_parts(response.content)
        cache.set(key, parts, seconds_to_live())
    return HttpResponse(b"".join(personalized(request, parts)))


def template_parts(content):
    """The page as bytes split around its per-visitor values: (text, slot, text, ...)."""
    page = ISSUED_FIELD.sub(
        rf"\g<1>{ISSUED_SLOT}\g<2>",
        CSRF_FIELD.sub(rf"\g<1>{CSRF_SLOT}\g<2>", content.decode()),
    )
    return tuple(part.encode() for part in SLOTS.split(page))


def personalized(request, parts):
    from comments.forms import issued_now

    for part in parts:
        if part == CSRF_BYTES:
            yield get_token(request).encode()
        elif part == ISSUED_BYTES:
            yield issued_now().encode()
        else:
            yield part
