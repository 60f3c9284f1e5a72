from django.conf import settings

from align.numbers import page_number
from align.pagecache import part_query


def site(request):
    # One address per page for search engines: no query string but the page number.
    canonical_url = request.build_absolute_uri(request.path)
    page = page_number(request.GET.get("page"))
    if page and page > 1:
        canonical_url += f"?page={page}"
    else:
        canonical_url += part_query(request)  # a post's comment page has its own address
    return {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_TAGLINE": settings.SITE_TAGLINE,
        "canonical_url": canonical_url,
    }
