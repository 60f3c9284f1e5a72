import json

from django import template
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
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


@register.inclusion_tag("blog/_archive_months.html")
def archive_months():
    """Months that have published posts, newest first, with counts: one query."""
    months = (
        Post.objects.published()
        .annotate(month=TruncMonth("published_at"))
        .values("month")
        .annotate(count=Count("id"))
        .order_by("-month")
    )
    return {"months": pagecache.cached_value("archive-months", lambda: list(months))}


@register.inclusion_tag("blog/_categories.html")
def category_list():
    """Categories with published posts and their counts: one query."""
    # filter() before annotate(): the count covers only the published posts.
    categories = Category.objects.filter(posts__in=Post.objects.published())
    counted = categories.annotate(count=Count("posts"))
    return {"categories": pagecache.cached_value("categories", lambda: list(counted))}
