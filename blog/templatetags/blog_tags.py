import json
from dataclasses import dataclass, field

from django import template
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.safestring import mark_safe

from align import pagecache
from blog.models import Category, Post

register = template.Library()

JSON_ESCAPES = str.maketrans({"<": "\\u003C", ">": "\\u003E", "&": "\\u0026"})


@register.filter
def isotime(value):
    """A datetime as HTML's <time datetime> wants it: local, to the second."""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def jsonld(data):
    """A JSON-LD script body that cannot close its <script> element early."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(JSON_ESCAPES))


@dataclass
class ArchiveYear:
    year: int
    months: list = field(default_factory=list)
    count: int = 0
    open: bool = False


def archive_years(months):
    """Months (newest first, with counts) grouped by year, newest first, with totals."""
    years = []
    for entry in months:
        if not years or years[-1].year != entry["month"].year:
            years.append(ArchiveYear(entry["month"].year))
        years[-1].months.append(entry)
        years[-1].count += entry["count"]
    return years


def archive_month_rows():
    """Months that have published posts, newest first, with counts (one query), each with
    its link and name: worked out once here, where a {% url %} and a |date per month in
    the template cost every page that shows the sidebar a millisecond or more."""
    months = (
        Post.objects.published()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("-month")
    )
    return [
        {
            **row,
            "url": reverse("blog:archive-month", args=[row["month"].year, row["month"].month]),
            "name": str(MONTHS[row["month"].month]),
        }
        for row in months
    ]


@register.inclusion_tag("blog/_archive_months.html", takes_context=True)
def archive_months(context):
    """Months that have published posts, newest first, with counts, grouped by year: the
    year being viewed (a year, month or post page) is open, else the newest."""
    years = archive_years(pagecache.cached_value("archive-months", archive_month_rows))
    if years:
        viewed = viewed_year(context.get("request"))
        shown = next((entry for entry in years if entry.year == viewed), years[0])
        shown.open = True
    return {"years": years}


def viewed_year(request):
    """The year of the blog archive page or post the visitor is on, if any."""
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "blog":
        return None
    year = match.kwargs.get("year")
    return year if isinstance(year, int) else None


def counted_categories():
    """Categories with published posts, their counts (one query) and links."""
    # filter() before annotate(): the count covers only the published posts.
    categories = Category.objects.filter(posts__in=Post.objects.published())
    counted = list(categories.annotate(count=Count("posts")))
    for category in counted:
        category.url = category.get_absolute_url()
    return counted


@register.inclusion_tag("blog/_categories.html")
def category_list():
    return {"categories": pagecache.cached_value("categories", counted_categories)}
