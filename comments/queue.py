"""The admin's comment queue at a million comments: no page view counts or scans them all.

The rows come straight off the comment_queue index (pending first, then the newest);
counts read at most EstimatedCountPaginator.exact_up_to index entries; the post filter
offers the posts with comments waiting, not every post that ever had a comment.
"""

import json

from django.contrib import admin
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import Paginator
from django.db import connections
from django.db.models import Count
from django.utils.functional import cached_property

from blog.models import Post
from comments import moderation
from comments.models import Comment

# Long texts the queue never shows; a page of rows is read without them.
UNSHOWN = [
    "body_html",
    "search_document",
    "user_agent",
    "post__summary",
    "post__body",
    "post__body_html",
    "post__search_document",
    "parent__body_html",
    "parent__search_document",
    "parent__user_agent",
]


class QueueChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        return super().get_queryset(request, exclude_parameters).defer(*UNSHOWN)

    def get_results(self, request):
        """The page's comments, each marked when it borrows a staff member's identity."""
        super().get_results(request)
        # One query for the staff's names and emails; each row is compared in memory.
        staff = moderation.staff_identities()
        for comment in self.result_list:
            comment.impersonates_staff = not comment.is_author_reply and (
                moderation.uses_staff_identity(comment.author_name, comment.author_email, staff)
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
        connection = connections[rows.db]
        if connection.vendor != "postgresql":
            return rows.count()
        return max(estimate(rows, connection), counted)


def estimate(queryset, connection):
    """The planner's row estimate for `queryset`, from EXPLAIN: no row is read."""
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return round(plan[0]["Plan"]["Plan Rows"])
