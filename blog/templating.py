"""What the blog's templates call besides their context (align/jinja2.py): the sidebar's
lists and a few filters."""

import json
from dataclasses import dataclass

from django.db.models import Count
from django.db.models.functions import ExtractMonth, ExtractYear
from django.urls import reverse
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe

from align import moments
from align.cache import site
from blog.models import Category, Post

JSON_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


def isotime(value):
    """A datetime as HTML's <time datetime> wants it: local, to the second ("" for one
    that cannot be shown)."""
    local = moments.local(value)
    return local.replace(microsecond=0).isoformat() if local else ""


def jsonld(data):
    """A JSON-LD script body that cannot close its <script> element early."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))


@dataclass(frozen=True)
class ArchiveMonth:
    name: str
    url: str
    count: int


@dataclass(frozen=True)
class ArchiveYear:
    year: int
    count: int
    months: list  # its ArchiveMonths, newest first


def archive_years():
    """Years with published posts, newest first, with their totals and their months (one
    query; year and month as numbers in the site's time zone)."""
    counted = (
        Post.objects.published()
        .annotate(year=ExtractYear("published_at"), month=ExtractMonth("published_at"))
        .values_list("year", "month")
        .annotate(count=Count("id"))
        .order_by("-year", "-month")
    )
    by_year = {}
    for year, month, count in counted:
        address = reverse("blog:archive-month", kwargs={"year": year, "month": month})
        by_year.setdefault(year, []).append(ArchiveMonth(str(MONTHS[month]), address, count))
    return [
        ArchiveYear(year, sum(month.count for month in months), months)
        for year, months in by_year.items()
    ]


def sidebar_archive(request):
    """The archive, grouped by year, and the year shown open: the one being viewed (a
    year, month or post page), else the newest."""
    years = site.get_or_set("archive-years", archive_years, site.seconds_to_live())
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


def counted_categories():
    """Categories with published posts, their counts and links (one query): plain values,
    which the cache keeps."""
    # filter() before annotate(): the count covers only the published posts.
    counted = (
        Category.objects.filter(posts__in=Post.objects.published())
        .values_list("name", "slug")
        .annotate(count=Count("posts"))
        .order_by("name")
    )
    return [
        Topic(name, reverse("blog:category", kwargs={"slug": slug}), count)
        for name, slug, count in counted
    ]


def sidebar_categories():
    return site.get_or_set("categories", counted_categories, site.seconds_to_live())
