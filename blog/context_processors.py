from django.conf import settings

from align.numbers import page_number


def site(request):
    # One address per page for search engines: no query string but the page number.
    canonical_url = request.build_absolute_uri(request.path)
    page = page_number(request.GET.get("page"))
    if page and page > 1:
        canonical_url += f"?page={page}"
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "canonical_url": canonical_url,
    }
