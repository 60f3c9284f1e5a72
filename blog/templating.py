"""What the blog's templates call besides their context (align/jinja2.py): the sidebar's
lists and a few filters."""

import json
from dataclasses import dataclass
from functools import cache

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from align import pagecache
from align.links import address_prefix
from align.prepared import prepared
from blog.models import NOW, Category, Post

JSON_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def isotime(value):
    """A datetime as HTML's <time datetime> wants it: local, to the second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


def jsonld(data):
    """A JSON-LD script body that cannot close its <script> element early."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    count: int
    months: SafeString  # the year's <ul> of months, each linked, with its count


@prepared
def months_counted():
    # Year and month as numbers in the site's time zone: no datetime made per row.
    return (
        Post.objects.published(NOW)
        .annotate(year=ExtractYear("published_at"), month=ExtractMonth("published_at"))
        .values_list("year", "month")
        .annotate(count=Count("id"))
        .order_by("-year", "-month")
    )


def archive_years():
    """Years with published posts, newest first, with their totals and their months (one
    query). Each year's list of months is written out here, once per site version: a
    link, a date and a loop per month in a template cost every page with the sidebar a
    millisecond per few dozen months, and a busy blog has hundreds."""
    by_year = {}
    for year, month, count in months_counted(now=timezone.now()):
        by_year.setdefault(year, []).append((month, count))
    names = month_names(get_language())
    # A month's address is its year's followed by two digits (blog/urls.py).
    prefix = address_prefix("blog:archive-year", year=0)
    return [archive_year(year, months, names, prefix) for year, months in by_year.items()]


@cache
def month_names(language):
    """Each month's name in `language`, translated once per process."""
    return {number: str(name) for number, name in MONTHS.items()}


def archive_year(year, months, names, prefix):
    """`months`: (month, count) pairs, newest first; `names`: each month's name."""
    items = "".join(
        f'<li><a href="{prefix}{year}/{month:02d}/">{names[month]}<span class="visually-hidden">'
        f' {year}</span></a> <span class="count">({count})</span></li>'
        for month, count in months
    )
    html = mark_safe(f'<ul class="archive-months">{items}</ul>')
    return ArchiveYear(year, sum(count for _, count in months), html)


def sidebar_archive(request):
    """The archive, grouped by year, and the year shown open: the one being viewed (a
    year, month or post page), else the newest."""
    years = pagecache.cached_value("archive-years", archive_years)
    viewed = viewed_year(request)
    shown = viewed if any(entry.year == viewed for entry in years) else years and years[0].year
    return {"years": years, "open_year": shown}


def viewed_year(request):
    """The year of the blog archive page or post the visitor is on, if any."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "blog":
        return None
    year = match.kwargs.get("year")
    return year if isinstance(year, int) else None


@dataclass(frozen=True)
class Topic:
    name: str
    url: str
    count: int


@prepared
def categories_counted():
    # filter() before annotate(): the count covers only the published posts.
    return (
        Category.objects.filter(posts__in=Post.objects.published(NOW))
        .values_list("name", "slug")
        .annotate(count=Count("posts"))
        .order_by("name")
    )


def counted_categories():
    """Categories with published posts, their counts and links (one query): plain values,
    which the cache keeps and gives back faster than model instances."""
    prefix = address_prefix("blog:category", slug="-")
    rows = categories_counted(now=timezone.now())
    return [Topic(name, f"{prefix}{slug}/", count) for name, slug, count in rows]


def sidebar_categories():
    return pagecache.cached_value("categories", counted_categories)
