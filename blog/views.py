from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.db.models import Q, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.module_loading import import_string
from django.views.generic import (
    ArchiveIndexView,
    DateDetailView,
    DetailView,
    ListView,
    MonthArchiveView,
    YearArchiveView,
)

from align import moments
from blog import search as site_search
from blog.forms import SearchForm
from blog.models import Category, Exercise, Post
from blog.templating import isotime

POSTS_PER_PAGE = 10


def post_list():
    return Post.objects.published().select_related("author").prefetch_related("categories")


def next_publication():
    """When the next scheduled post appears, or None: the page cache keeps pages until then
    (it asks once each time it reads the site's version, align/pagecache.py). A date no
    page can show is no schedule: such a post never appears."""
    scheduled = Post.objects.filter(
        status=Post.Status.PUBLISHED,
        published_at__gt=timezone.now(),
        published_at__lte=moments.LAST_SHOWN,
    )
    return scheduled.order_by("published_at").values_list("published_at", flat=True).first()


def neighbours(post):
    """The published posts just before and just after `post`, in one query, with only what
    a link to one needs: not its body."""
    published = Post.objects.published()
    at = post.published_at
    before = published.filter(published_at__lt=at).order_by("-published_at").values("pk")[:1]
    after = published.filter(published_at__gt=at).order_by("published_at").values("pk")[:1]
    return published.filter(Q(pk=Subquery(before)) | Q(pk=Subquery(after))).only(
        "title", "slug", "status", "published_at"
    )


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
    """A post on its day in the site's time zone, with its comment section."""

    month_format = "%m"
    # A comment form sent back to its writer (comments.views draws the page again with
    # it: PostDetail.as_view(comment_form=form)); None for everyone else.
    comment_form = None

    def get_context_data(self, **kwargs):
        context = post_context(self.request, self.object)
        context["section"] = comment_section(self.request, self.object, form=self.comment_form)
        return super().get_context_data(**context, **kwargs)


class PostPractice(PostArchiveMixin, DateDetailView):
    """The post's sequence one step at a time with hold timers (static/js/practice.js);
    without the script, the list of its steps with their times."""

    month_format = "%m"
    template_name = "blog/post_practice.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**post_context(self.request, self.object), **kwargs)
        if not context["steps"]:
            raise Http404("This post has no sequence to practise.")
        return context


@staff_member_required
def preview(request, pk):
    """A draft or scheduled post as readers will see it, for staff only."""
    post = get_object_or_404(Post.objects.select_related("author"), pk=pk)
    context = {
        "post": post,
        "object": post,
        "preview": True,
        "section": comment_section(request, post, with_form=False),
        **post_context(request, post),
    }
    return render(request, "blog/post_detail.html", context)


def comment_section(request, post, **options):
    """The post page's comment section: the context of the template comments/_section.html,
    from the one function settings.COMMENT_SECTION names (blog imports nothing from the
    comments app), or None without one. It raises Http404 for a comment page the post does
    not have."""
    if not settings.COMMENT_SECTION:
        return None
    return import_string(settings.COMMENT_SECTION)(request, post, **options)


def post_context(request, post):
    """What the post page shows besides the post and its comments: its sequence,
    neighbours, metadata."""
    lead_picture = post.lead_picture()
    public = post.is_public()
    at = post.published_at
    around = list(neighbours(post)) if public else []
    return {
        "previous_post": next((other for other in around if other.published_at < at), None),
        "next_post": next((other for other in around if other.published_at > at), None),
        "lead_picture": lead_picture,
        "steps": list(post.steps.select_related("exercise")),
        "post_categories": post.categories.all(),
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
