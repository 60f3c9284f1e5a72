from django.conf import settings
from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.generic import (
    ArchiveIndexView,
    DateDetailView,
    DetailView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)

from blog.forms import SearchForm
from blog.models import Category, Exercise, Post, Step
from blog.templatetags.blog_tags import isotime

POSTS_PER_PAGE = 10


def post_list():
    return Post.objects.published().select_related("author").prefetch_related("categories")


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


class PostDetail(PostArchiveMixin, DateDetailView):
    month_format = "%m"

    def get_queryset(self):
        steps = Step.objects.select_related("exercise")
        return post_list().prefetch_related(Prefetch("steps", queryset=steps))

    def get_context_data(self, **kwargs):
        post = self.object
        published = Post.objects.published()
        lead_picture = post.lead_picture()
        return super().get_context_data(
            previous_post=published.filter(published_at__lt=post.published_at).first(),
            next_post=published.filter(published_at__gt=post.published_at).last(),
            lead_picture=lead_picture,
            structured_data=self.structured_data(post, lead_picture),
            **kwargs,
        )

    def structured_data(self, post, lead_picture):
        """schema.org BlogPosting, for search engines' rich results."""
        url = self.request.build_absolute_uri
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
    form = SearchForm(request.GET)
    posts = None
    if form.is_valid() and form.cleaned_data["q"]:
        posts = post_list().search(form.cleaned_data["q"])[:50]
    return render(request, "blog/search.html", {"form": form, "posts": posts})


def healthz(request):
    """200 when the database answers, 503 when it does not (for load balancers)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")
