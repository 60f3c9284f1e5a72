from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import DateTimeField, IntegerField, Q, SlugField, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.generic import (
    ArchiveIndexView,
    DateDetailView,
    DetailView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)

from align.prepared import Parameter, prepared
from blog import search as site_search
from blog.forms import SearchForm
from blog.models import NOW, Category, Exercise, Post, Step
from blog.templating import isotime

POSTS_PER_PAGE = 10


def post_list():
    return Post.objects.published().select_related("author").prefetch_related("categories")


@prepared
def scheduled():
    """The date of the first post scheduled after `now`."""
    return (
        Post.objects.filter(status=Post.Status.PUBLISHED, published_at__gt=NOW)
        .order_by("published_at")
        .values_list("published_at", flat=True)[:1]
    )


def next_publication():
    """When the next scheduled post appears, or None: the page cache keeps pages until then
    (it asks once each time it reads the site's version, align/pagecache.py)."""
    return scheduled.first(now=timezone.now())


@prepared
def neighbours():
    """The published posts just before and just after the moment `at`, in one query, with
    only what a link to one needs: not its body."""
    at = Parameter("at", DateTimeField())
    published = Post.objects.published(NOW)
    before = published.filter(published_at__lt=at).order_by("-published_at").values("pk")[:1]
    after = published.filter(published_at__gt=at).order_by("published_at").values("pk")[:1]
    return published.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after))).only(
        "title", "slug", "status", "published_at"
    )


POST = Parameter("post", IntegerField())
# The post's sequence, in order; the post itself is left out of each step, as no page asks.
steps = prepared(lambda: Step.objects.filter(post_id=POST).select_related("exercise"))
categories = prepared(lambda: Category.objects.filter(posts=POST))


class PostArchiveMixin:
    date_field = "published_at"
    paginate_by = POSTS_PER_PAGE
    allow_empty = True

    def get_queryset(self):
        return post_list()


class PostIndex(PostArchiveMixin, ArchiveIndexView):
    pass


class PostYear(PostArchiveMixin, YearArchiveView):
    make_object_list = True


class PostMonth(PostArchiveMixin, MonthArchiveView):
    month_format = "%m"
    allow_empty = False


@prepared
def post_of_day():
    """The published post with this `slug` dated from `since` to before `until`."""
    since, until = Parameter("since", DateTimeField()), Parameter("until", DateTimeField())
    slug = Parameter("slug", SlugField())
    return (
        Post.objects.published(NOW)
        .select_related("author")
        .filter(slug=slug, published_at__gte=since, published_at__lt=until)
    )


class PostDetail(PostArchiveMixin, DateDetailView):
    month_format = "%m"

    def get_object(self, queryset=None):
        """DateDetailView's: the post of this slug on this day (in the site's time zone),
        as a prepared query, since building its queryset took a cold page a millisecond.
        (Its topics and steps are a query each: post_context.)"""
        try:
            day = date(self.get_year(), int(self.get_month()), int(self.get_day()))
        except (ValueError, OverflowError):
            raise Http404("No such date.") from None
        if day > timezone.localdate():
            raise Http404("No post is dated in the future.")
        since = timezone.make_aware(datetime.combine(day, time.min))
        until = timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
        slug = self.kwargs["slug"]
        post = post_of_day.first(now=timezone.now(), slug=slug, since=since, until=until)
        if post is None:
            raise Http404("No post at this address.")
        return post

    def get_context_data(self, **kwargs):
        return super().get_context_data(**post_context(self.request, self.object), **kwargs)


class PostPractice(PostDetail):
    """The post's sequence one step at a time with hold timers (static/js/practice.js);
    without the script, the list of its steps with their times."""

    template_name = "blog/post_practice.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not context["steps"]:
            raise Http404("This post has no sequence to practise.")
        return context


@staff_member_required
def preview(request, pk):
    """A draft or scheduled post as readers will see it, for staff only."""
    post = get_object_or_404(Post.objects.select_related("author"), pk=pk)
    context = {"post": post, "object": post, "preview": True, **post_context(request, post)}
    return render(request, "blog/post_detail.html", context)


def post_context(request, post):
    """What the post page shows besides the post: its sequence, neighbours, metadata. (Its
    comment section comes from the comments app's section_context(), comments/section.py.)"""
    lead_picture = post.lead_picture()
    public = post.is_public()
    at = post.published_at
    around = neighbours(now=timezone.now(), at=at) if public else []
    return {
        "previous_post": next((other for other in around if other.published_at < at), None),
        "next_post": next((other for other in around if other.published_at > at), None),
        "lead_picture": lead_picture,
        "steps": steps(post=post.pk),
        "post_categories": categories(post=post.pk),
        "structured_data": public and structured_data(request, post, lead_picture),
    }


def structured_data(request, post, lead_picture):
    """schema.org BlogPosting, for search engines' rich results."""
    url = request.build_absolute_uri
    data = {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": post.title,
        "description": post.summary,
        "datePublished": isotime(post.published_at),
        "dateModified": isotime(post.updated_at),
        "author": {"@type": "Person", "name": post.author.name},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "mainEntityOfPage": url(post.get_absolute_url()),
    }
    if lead_picture:
        data["image"] = url(lead_picture.src)
    return data


class CategoryPosts(ListView):
    paginate_by = POSTS_PER_PAGE
    template_name = "blog/category_detail.html"

    def get_queryset(self):
        self.category = get_object_or_404(Category, slug=self.kwargs["slug"])
        return post_list().filter(categories=self.category)

    def get_context_data(self, **kwargs):
        return super().get_context_data(category=self.category, **kwargs)


class ExerciseList(ListView):
    model = Exercise


class ExerciseDetail(DetailView):
    model = Exercise

    def get_context_data(self, **kwargs):
        posts = post_list().filter(steps__exercise=self.object).distinct()
        return super().get_context_data(posts=posts, **kwargs)


def search(request):
    """Posts, then what other apps registered (comments): see blog/search.py."""
    form = SearchForm(request.GET)
    context = {"form": form, "sections": None}
    if form.is_valid() and (text := form.cleaned_data["q"]):
        context["sections"] = sections = site_search.search(text)
        context["summary"] = site_search.summary(sections, text)
        context["found"] = any(section.hits for section in sections)
    return render(request, "blog/search.html", context)
