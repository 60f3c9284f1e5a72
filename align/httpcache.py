"""What shared HTTP caches (Varnish in docker-compose, a CDN) may keep: reader pages for
strangers at their own addresses (align/canonical.py), for a short while; nothing else.

A reader page (align/pagecache.reader_page writes its headers) answered to a visitor
without a personal cookie carries no per-visitor bytes, so a shared cache may serve
it to every stranger for SHARED_CACHE_SECONDS, and a little longer while it fetches a fresh
copy (stale-while-revalidate). Browsers revalidate it at once (max-age=0) with its ETag, so a
returning reader sees a change as soon as the cache does. A page drawn for one visitor is
`private`; so is every other response that does not say otherwise (form results, the
form-state request, /healthz): a cache that stores responses by default must not store those.

The lifetime is the only bound on staleness here: nothing purges the proxy on a write.
"""

from django.conf import settings

# A page, or word that it has not changed. Not a 404 or a redirect: anyone can make up
# endless addresses that lead to those (align/pagecache.reader_page).
SHARED_STATUSES = {200, 304}
PRIVATE = "private, no-cache"


def shared_control():
    return (
        f"public, max-age=0, s-maxage={settings.SHARED_CACHE_SECONDS}, "
        f"stale-while-revalidate={settings.SHARED_CACHE_STALE_SECONDS}"
    )


def cache_headers(response):
    """`response`, private unless it says otherwise (the admin's never_cache, static files
    and reader pages do), and private whatever it says when it sets a cookie on the way out
    (a new CSRF token, say): that answer is this visitor's alone."""
    control = response.get("Cache-Control", "")
    if not control or (response.cookies and "public" in control):
        response["Cache-Control"] = PRIVATE
    return response


class CacheHeadersMiddleware:
    """Outside every middleware that sets cookies (sessions, CSRF, messages), so that it
    sees them; inside WhiteNoise, whose static files carry their own long lifetimes."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return cache_headers(self.get_response(request))
