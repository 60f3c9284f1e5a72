from django import template
from django.urls import reverse

from comments import queue
from comments.models import Comment

register = template.Library()
# The home page counts questions waiting no further than this: the list says the rest.
UNANSWERED_SHOWN = 999


@register.inclusion_tag("admin/comments/pending_link.html", takes_context=True)
def pending_comments(context):
    """How many comments wait for the therapist, on every admin page: one query."""
    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return {"count": 0}
    return {
        "count": Comment.objects.filter(status=Comment.Status.PENDING).count(),
        "url": reverse("admin:comments_comment_changelist") + "?status__exact=pending",
    }


@register.inclusion_tag("admin/comments/to_do.html", takes_context=True)
def comments_to_do(context):
    """The admin home's to-do list: comments waiting, and readers' questions that no staff
    member has answered yet (comments.queue.unanswered)."""
    user = context["request"].user
    if not user.has_perm("comments.view_comment"):
        return {}
    queue_url = reverse("admin:comments_comment_changelist")
    counted = queue.unanswered_count(up_to=UNANSWERED_SHOWN)
    return {
        "pending": Comment.objects.filter(status=Comment.Status.PENDING).count(),
        "pending_url": queue_url + "?status__exact=pending",
        "unanswered": f"{UNANSWERED_SHOWN}+" if counted > UNANSWERED_SHOWN else counted,
        "unanswered_url": queue_url + "?unanswered=1",
        "unanswered_label": queue.UnansweredFilter.LABEL,
    }
