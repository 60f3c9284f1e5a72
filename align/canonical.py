"""One address per page: the rules for `?page=N` (a list's pages) and the parameters
settings.PAGE_PARTS names (`?cpage=N`, a post's comment pages; `?corder=newest`, their
order, one of settings.PAGE_CHOICES). N is written as the links write it (2 or more, no
sign or zero in front); page 1 has the page's own address, and so has the default choice
(a choice the links do not write leads there too). Parts come in the order the links write
them. So search engines see one address per page, and no one can fill the page cache
with made-up ones."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse

from align.numbers import page_number


def part_number(request, name):
    """The part of the page `request` asks for under `name`: 1 when it names none, None when
    the value is not written as the page's links write it."""
    values = request.GET.getlist(name)
    if not values:
        return 1
    number = page_number(values[0]) if len(values) == 1 else None
    return number if number and number > 1 else None


def part_choice(request, name):
    """The choice `request` makes under `name` (a part settings.PAGE_CHOICES names): None
    when it names none, or one its links do not write."""
    values = request.GET.getlist(name)
    return values[0] if len(values) == 1 and values[0] in settings.PAGE_CHOICES[name] else None


def canonical_url(request):
    """The page's absolute address, with its page or part numbers and choices if it has
    any, as its links write them."""
    url = request.build_absolute_uri(request.path)
    query = urlencode(parts_written(request))
    return f"{url}?{query}" if query else url


def is_canonical(request):
    """`request` names its page as the page's links write it: path (no `/blog/02024/` for
    `/blog/2024/`) and query string alike. Only such addresses are kept, in the page cache
    and in shared caches, so made-up ones fill neither."""
    match = request.resolver_match
    path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    query = request.META.get("QUERY_STRING", "")
    return request.path == path and query == urlencode(parts_written(request))


def parts_written(request):
    """[(name, value)] of the page and parts `request` names, as the links write them."""
    written = []
    for name in ("page", *settings.PAGE_PARTS):
        if name in settings.PAGE_CHOICES:
            value = part_choice(request, name)
        else:
            value = part_number(request, name)
            value = value if value and value > 1 else None
        if value is not None:
            written.append((name, value))
    return written


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
    """Where a part parameter leads: `?cpage=1`, and a choice the links do not write or one
    on a view without parts, to the address without it; a number not written as its links
    write it, or on a view without parts, to a 404; parts written in another order than
    the links', to the address with them in that order."""
    for name in settings.PAGE_PARTS:
        values = request.GET.getlist(name)
        if not values:
            continue
        if name in settings.PAGE_CHOICES:
            if not parts or part_choice(request, name) is None:
                return without(request, name)
        elif values == ["1"]:
            return without(request, name)
        elif not parts or part_number(request, name) is None:
            raise Http404("No such part of this page.")
    return out_of_order(request)


def out_of_order(request):
    """A permanent redirect to the same parts in the order the links write them, when the
    address names nothing else and writes them otherwise; else None."""
    names = list(request.GET)
    known = [name for name in ("page", *settings.PAGE_PARTS) if name in request.GET]
    if len(names) < 2 or names == known or sorted(names) != sorted(known):
        return None
    query = urlencode([(name, request.GET[name]) for name in known])
    return HttpResponsePermanentRedirect(f"{request.path}?{query}")
