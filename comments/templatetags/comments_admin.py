from django import template
from django.urls import reverse

from comments.models import Comment

register = template.Library()


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
