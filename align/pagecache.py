"""Reader pages whole from the cache.

Everything a reader sees changes only when the therapist or a commenter writes, so pages
are kept under the site's version (align/cache.py), which every write clears. A visitor
with a cookie settings.PERSONAL_COOKIES names (comments awaiting moderation, a message, a
login; one that holds none of those is dropped before the view: align/cookies.py) gets a
page of their own: built for them, or, for a cookie settings.PAGE_COOKIES
names (comments awaiting moderation), kept for them under its value until the next write.
A page cached for strangers holds nothing of any one visitor's (no CSRF token, no form
stamp: the comment form asks for those when the visitor starts writing), so a shared HTTP
cache may serve it to every stranger for a while (align/httpcache.py). A cached response
keeps every header its view set.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.http import Http404
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.views.defaults import page_not_found

from align import canonical, httpcache
from align.cache import site


def personal(request):
    """The visitor has state of their own that the page shows. (An empty cookie holds none:
    it is what a cookie deleted by a response looks like to a client that keeps sending it.)"""
    return any(request.COOKIES.get(name) for name in settings.PERSONAL_COOKIES)


def kept(request):
    """The page may come from the cache: the visitor holds no personal cookie, or only
    ones settings.PAGE_COOKIES names, whose holders' pages are kept per cookie value."""
    return all(
        name in settings.PAGE_COOKIES
        for name in settings.PERSONAL_COOKIES
        if request.COOKIES.get(name)
    )


def etag_for(request, version):
    """Changes with the content and with every cookie the page depends on (not the CSRF
    cookie: no page holds a token)."""
    cookies = [request.COOKIES.get(name, "") for name in settings.PERSONAL_COOKIES]
    state = (version, request.build_absolute_uri(), cookies)
    return f'"{hashlib.sha256(repr(state).encode()).hexdigest()[:32]}"'


def reader_page(view, *, paginated=False, parts=False):
    """Caches a reader page whole and answers conditional GETs with 304.

    A `paginated` view takes ?page=N, N >= 2; a view with `parts` takes the parameters
    settings.PAGE_PARTS names (a post's comment pages). Either answers 404 for a page it
    does not have; other addresses with those parameters lead to the page's own.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        for_them = personal(request)
        try:
            response = answer(request, view, args, kwargs, paginated, parts, for_them)
        except Http404 as missing:
            response = page_not_found(request, missing)
        patch_vary_headers(response, ["Cookie"])
        # Only a page at its own address is shared: made-up addresses (404s, redirects to
        # the page's own, unknown query strings) are endless, and a shared cache that kept
        # them would be filled by whoever makes them up.
        shared = response.status_code in httpcache.SHARED_STATUSES
        if for_them or not shared or not canonical.is_canonical(request):
            response["Cache-Control"] = httpcache.PRIVATE
        else:
            response["Cache-Control"] = httpcache.shared_control()
        return response

    return wrapper


def answer(request, view, args, kwargs, paginated, parts, for_them):
    if elsewhere := canonical.off_page(request, paginated) or canonical.off_part(request, parts):
        return elsewhere
    version = site.version()
    etag = etag_for(request, version)
    # Django reads If-None-Match as the RFC does: a list of tags, weak ones, "*".
    response = get_conditional_response(request, etag=etag)
    if response is None:
        # Other addresses are not cached, so no one can fill the cache with them.
        cacheable = kept(request) and canonical.is_canonical(request)
        response = cached(request, view, args, kwargs) if cacheable else None
        response = response or built(view, request, args, kwargs)
    if response.status_code in (200, 304):
        response["ETag"] = etag
    return response


def built(view, request, args, kwargs):
    response = view(request, *args, **kwargs)
    if hasattr(response, "render"):
        response.render()
    return response


def cached(request, view, args, kwargs):
    """The page from the cache, or built and kept there: its content and its headers."""
    # Scheme and host too: the page holds absolute links (canonical, og:url, JSON-LD).
    # And the value of each cookie the page is kept per: a holder's page is theirs alone.
    cookies = [request.COOKIES.get(name, "") for name in settings.PAGE_COOKIES]
    state = repr((request.build_absolute_uri(), cookies))
    key = "page:" + hashlib.sha256(state.encode()).hexdigest()
    response = site.get(key)
    if response is None:
        response = built(view, request, args, kwargs)
        if response.status_code == 200 and not response.cookies:
            site.set(key, response, site.seconds_to_live())
    return response
