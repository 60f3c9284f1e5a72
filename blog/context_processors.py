from django.conf import settings

from align.canonical import canonical_url


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        # One address per page for search engines: no query string but the page number.
        "canonical_url": canonical_url(request),
    }
