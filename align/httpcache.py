"""What shared HTTP caches (Varnish in docker-compose, a CDN) may keep: reader pages for
strangers, for a short while; nothing else.

A reader page (align/pagecache.reader_page marks the request with reader()) answered to a
visitor without a personal cookie carries no per-visitor bytes, so a shared cache may serve
it to every stranger for SHARED_CACHE_SECONDS, and a little longer while it fetches a fresh
copy (stale-while-revalidate). Browsers revalidate it at once (max-age=0) with its ETag, so a
returning reader sees a change as soon as the cache does. A page drawn for one visitor is
`private`; so is every other response that does not say otherwise (form results, the
form-state request, /healthz): a cache that stores responses by default must not store those.

The lifetime is the only bound on staleness here: nothing purges the proxy on a write.
"""

from django.conf import settings
from django.utils.cache import patch_vary_headers

SHARED = "shared"
PERSONAL = "personal"
# 301: the page's own address; 404: no such page (for made-up addresses, the common case).
SHARED_STATUSES = {200, 301, 304, 404}
PRIVATE = "private, no-cache"


def reader(request, personal):
    """Marks `request` as asking for a reader page, drawn for a stranger or for this
    visitor alone (`personal`); CacheHeadersMiddleware writes the headers that follow."""
    request.http_cache = PERSONAL if personal else SHARED


def shared_control():
    return (
        f"public, max-age=0, s-maxage={settings.SHARED_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.SHARED_CACHE_STALE_SECONDS}"
    )


def cache_headers(request, response):
    """`response` with the Cache-Control (and Vary) that says who may keep it."""
    kind = getattr(request, "http_cache", None)
    if kind is None:
        # Responses that chose their own (the admin's never_cache, static files) keep it.
        if not response.has_header("Cache-Control"):
            response["Cache-Control"] = PRIVATE
        return response
    # A reader page differs with the personal cookies (messages, a login, own comments).
    patch_vary_headers(response, ["Cookie"])
    stranger = kind == SHARED and not response.cookies
    if stranger and response.status_code in SHARED_STATUSES:
        response["Cache-Control"] = shared_control()
    else:
        # A cookie set on the way out (a new CSRF token, say) is this visitor's alone.
        response["Cache-Control"] = PRIVATE
    return response


class CacheHeadersMiddleware:
    """Outside every middleware that sets cookies (sessions, CSRF, messages), so that it
    sees them; inside WhiteNoise, whose static files carry their own long lifetimes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return cache_headers(request, self.get_response(request))
