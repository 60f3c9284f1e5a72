"""One address per page: the rules for `?page=N` (a list's pages) and the parameters
settings.PAGE_PARTS names (`?cpage=N`, a post's comment pages). N is written as the links
write it (2 or more, no sign or zero in front); page 1 has the page's own address. So
search engines see one address per page, and no one can fill the page cache with made-up
ones."""

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect

from align.numbers import page_number


def part_number(request, name):
    """The part of the page `request` asks for under `name`: 1 when it names none, None when
    the value is not written as the page's links write it."""
    values = request.GET.getlist(name)
    if not values:
        return 1
    number = page_number(values[0]) if len(values) == 1 else None
    return number if number and number > 1 else None


def canonical_url(request):
    """The page's absolute address, with its page or part number if it has one."""
    url = request.build_absolute_uri(request.path)
    for name in ("page", *settings.PAGE_PARTS):
        number = part_number(request, name)
        if number and number > 1:
            return f"{url}?{name}={number}"
    return url


def without(request, name):
    """A permanent redirect to this address without `name` in its query string."""
    query = request.GET.copy()
    del query[name]
    return HttpResponsePermanentRedirect(
        f"{request.path}?{query.urlencode()}" if query else request.path
    )


def off_page(request, paginated):
    """Where a `page` the view does not take leads: to the page's own address (page 1, or a
    view without pages), or to a 404 (a page written otherwise than its links write it);
    None for a page the view takes."""
    if "page" not in request.GET:
        return None
    if not paginated or request.GET.getlist("page") == ["1"]:
        return without(request, "page")
    if part_number(request, "page") is None:
        raise Http404("No such page.")
    return None


def off_part(request, parts):
    """Where a part parameter leads: `?cpage=1` to the page's own address; anything else
    not written as its links write it, or on a view without parts, to a 404."""
    for name in settings.PAGE_PARTS:
        values = request.GET.getlist(name)
        if not values:
            continue
        if values == ["1"]:
            return without(request, name)
        if not parts or part_number(request, name) is None:
            raise Http404("No such part of this page.")
    return None
