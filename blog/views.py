from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.cache import cache
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
from mailer.models import Message

from align.numbers import whole_number
from blog.forms import SearchForm
from blog.models import Category, Exercise, Post, Step
from blog.templatetags.blog_tags import isotime
from comments import thread as comment_thread
from comments import visitor
from comments.forms import CommentForm

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


def post_with_sequence(posts=None):
    steps = Step.objects.select_related("exercise")
    posts = post_list() if posts is None else posts
    return posts.prefetch_related(Prefetch("steps", queryset=steps))


class PostDetail(PostArchiveMixin, DateDetailView):
    month_format = "%m"

    def get_queryset(self):
        return post_with_sequence()

    def get_context_data(self, **kwargs):
        return super().get_context_data(**post_context(self.request, self.object), **kwargs)


def render_post(request, post, comment_form, status):
    """The post page again, with the visitor's comment form and its messages."""
    post = post_with_sequence().get(pk=post.pk)
    context = {"post": post, "object": post, **post_context(request, post, comment_form)}
    return render(request, "blog/post_detail.html", context, status=status)


@staff_member_required
def preview(request, pk):
    """A draft or scheduled post as readers will see it, for staff only."""
    posts = Post.objects.select_related("author").prefetch_related("categories")
    post = get_object_or_404(post_with_sequence(posts), pk=pk)
    context = {"post": post, "object": post, "preview": True, **post_context(request, post)}
    return render(request, "blog/post_detail.html", context)


def post_context(request, post, comment_form=None):
    """What the post page shows besides the post: neighbours, metadata, the comments."""
    published = Post.objects.published()
    lead_picture = post.lead_picture()
    own = visitor.own_comments(request)
    thread = comment_thread.build(post, own) if own else comment_thread.cached(post)
    if comment_form is None:
        reply_to = answerable(post, request.GET.get("replyto"))
        saved = visitor.saved_author(request)
        initial = {**saved, "save_info": bool(saved), "parent": reply_to and reply_to.pk}
        comment_form = CommentForm(post, initial=initial)
    else:
        reply_to = answerable(post, comment_form.data.get("parent"))
    public = post.is_public()
    return {
        "previous_post": public and published.filter(published_at__lt=post.published_at).first(),
        "next_post": public and published.filter(published_at__gt=post.published_at).last(),
        "lead_picture": lead_picture,
        "structured_data": public and structured_data(request, post, lead_picture),
        "thread": thread,
        "comment_form": comment_form,
        "reply_to": reply_to,
    }


def answerable(post, pk):
    """The approved comment of `post` a visitor asked to reply to, if there is one."""
    pk = whole_number(pk)
    if pk is None:
        return None
    return post.comments.public().filter(pk=pk).first()


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
    form = SearchForm(request.GET)
    posts = None
    if form.is_valid() and form.cleaned_data["q"]:
        posts = post_list().search(form.cleaned_data["q"])[:50]
    return render(request, "blog/search.html", {"form": form, "posts": posts})


def healthz(request):
    """200 while the database answers, 503 when it does not: an orchestrator restarts web
    only for what a restart can mend. The body says how each dependency is."""
    states = {"database": database_state(), "cache": cache_state()}
    up = states["database"] == "ok"
    if up:
        states["mail"] = mail_state()
    body = "".join(f"{name}: {state}\n" for name, state in states.items())
    return HttpResponse(body, status=200 if up else 503, content_type="text/plain")


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"unavailable ({type(error).__name__})"
    return "ok"


def cache_state():
    """Pages are built uncached while the shared cache fails: slower, still served."""
    try:
        cache.get("healthz")
    except Exception as error:  # whatever the backend raises
        return f"degraded ({type(error).__name__})"
    return "ok"


def mail_state():
    """Deferred mail: SMTP refused it (or is down); the mailer service tries again."""
    deferred = Message.objects.deferred().count()
    return f"degraded ({deferred} deferred)" if deferred else "ok"
