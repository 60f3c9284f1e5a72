"""The admin's comment queue at a million comments: no page view counts or scans them all.

The rows come straight off the comment_queue index (pending first, then the newest);
counts read at most EstimatedCountPaginator.exact_up_to index entries; the post filter
offers the posts with comments waiting, not every post that ever had a comment.
"""

import json
from functools import cache

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count
from django.template.defaultfilters import truncatechars
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.text import Truncator

from blog.models import Post
from comments import moderation
from comments.models import Comment

# Long texts no admin page of comments shows (the queue's rows come with their post and
# parent): the admin reads comments without them.
UNSHOWN = [
    "body_html",
    "search_document",
    "post__summary",
    "post__body",
    "post__body_html",
    "post__search_document",
    "parent__body_html",
    "parent__search_document",
    "parent__user_agent",
]


def comment_column():
    """The queue's Comment column, for one page: each row's status, the comment it answers,
    a warning when it borrows a staff member's identity, and its first words. The staff's
    names and emails are read once for the page, and only when it has rows."""
    staff = cache(moderation.staff_identities)

    @admin.display(description="Comment")
    def comment(comment):
        borrowed = not comment.by_staff and moderation.uses_staff_identity(
            comment.author_name, comment.author_email, staff()
        )
        return format_html(
            '<span class="comment-status comment-status--{}">{}</span>{}{}<div>{}</div>',
            comment.status,
            comment.get_status_display(),
            in_reply_to(comment.parent),
            IMPERSONATION if borrowed else "",
            truncatechars(comment.body, 200),
        )

    return comment


IMPERSONATION = format_html(
    '<p class="impersonation"><strong>{}</strong></p>',
    "Not signed in, but uses a staff member’s name or email.",
)


def in_reply_to(parent):
    if parent is None:
        return ""
    return format_html(
        ' <span class="in-reply-to">in reply to <a href="{}">{}: “{}”</a></span>',
        reverse("admin:comments_comment_change", args=[parent.pk]),
        parent.author_name,
        Truncator(parent.body).words(8),
    )


class PostFilter(admin.SimpleListFilter):
    """By post: those with the most comments waiting (read from the small comment_held
    index), and the one chosen. Any post's comments are one link away from the post list,
    which uses the same parameter."""

    title = "post with comments waiting"
    parameter_name = "post__id__exact"
    shown = 15

    def lookups(self, request, model_admin):
        waiting = (
            Comment.objects.filter(status=Comment.Status.PENDING)
            .order_by()
            .values("post")
            .annotate(n=Count("pk"))
            .order_by("-n", "-post")
            .values_list("post", flat=True)[: self.shown]
        )
        pks = [*waiting, *([self.chosen()] if self.chosen() else [])]
        posts = Post.objects.filter(pk__in=pks).order_by("-published_at", "-pk")
        return [(str(post.pk), post.title) for post in posts.only("pk", "title")]

    def has_output(self):
        # As Django's post filters: one post to choose is no choice.
        return len(self.lookup_choices) > 1

    def chosen(self):
        value = self.value()
        # Digits that fit a database integer; anything else chooses no post.
        fits = value and value.isascii() and value.isdigit() and len(value) < 19
        return int(value) if fits else None

    def queryset(self, request, queryset):
        # A made-up value is ignored, as a missing one is: the whole queue.
        return queryset.filter(post_id=self.chosen()) if self.chosen() else queryset


def unanswered(comments):
    """Her to-do list: questions from readers (top-level comments, approved, not by staff)
    with no reply by any staff member anywhere in their thread.

    The few staff accounts are read first: PostgreSQL then knows from its statistics how
    few comments are theirs, keeps their threads in a hash and reads the queue's own index
    in order, where a join to the users would have it plan for half the table.
    """
    staff = list(get_user_model().objects.filter(is_staff=True).values_list("pk", flat=True))
    answered = Comment.objects.filter(user_id__in=staff).values("tree_id")
    return (
        comments.filter(parent__isnull=True, status=Comment.Status.APPROVED)
        .exclude(user_id__in=staff)
        .exclude(tree_id__in=answered)
    )


def unanswered_count(up_to=999):
    """How many questions wait for an answer, counted no further than `up_to` + 1."""
    return unanswered(Comment.objects.order_by()).values("pk")[: up_to + 1].count()


class UnansweredFilter(admin.SimpleListFilter):
    """?unanswered=1: the queue as her to-do list (see unanswered()), newest first (the
    queue's own order, all of them being approved)."""

    title = "your answer"
    parameter_name = "unanswered"
    LABEL = "No answer from you yet"

    def lookups(self, request, model_admin):
        return [("1", self.LABEL)]

    def queryset(self, request, queryset):
        # Any other value is ignored, as a missing one is: the whole queue.
        if self.value() != "1":
            return queryset
        return unanswered(queryset)


class EstimatedCountPaginator(Paginator):
    """Counts exactly up to `exact_up_to` rows, which reads no more than that many index
    entries; past it, on PostgreSQL, takes the planner's estimate instead of counting a
    million rows on every page view. Other databases, meant for small sites, count."""

    exact_up_to = 10_000

    @cached_property
    def count(self):
        rows = self.object_list.order_by().values("pk")
        counted = rows[: self.exact_up_to + 1].count()
        if counted <= self.exact_up_to:
            return counted
        if connections[rows.db].vendor != "postgresql":
            return rows.count()
        return max(estimate(rows), counted)


def estimate(queryset):
    """The planner's row estimate for `queryset` (PostgreSQL's EXPLAIN): no row is read."""
    [plan] = json.loads(queryset.explain(format="json"))
    return round(plan["Plan"]["Plan Rows"])
