"""The therapist's bar on the public site (templates/_staff_bar.html), as WordPress's admin
bar: what waits for her in the admin, and her way back to it.

Only a signed-in staff member has one, and only a signed-in visitor sends the session
cookie, whose holders get pages built for them alone and marked private (align/pagecache.py):
the bar is never in a page kept for anyone else. A stranger's page asks nothing of the
database for it (no session, no query)."""

from typing import NamedTuple

from django.urls import reverse

from comments.admin import author_name_for
from comments.models import Comment


class StaffBar(NamedTuple):
    name: str
    admin_url: str
    waiting: int | None  # comments pending; None for a staff member who may not see them
    queue_url: str
    edits_posts: bool


def staff_bar(request):
    """What the bar shows to the staff member signed in on `request`, or None for anyone
    else (a stranger, a reader with an account)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_active or not user.is_staff:
        return None
    waiting = None
    if user.has_perm("comments.view_comment"):
        waiting = Comment.objects.filter(status=Comment.Status.PENDING).count()
    return StaffBar(
        name=author_name_for(user),
        admin_url=reverse("admin:index"),
        waiting=waiting,
        queue_url=reverse("admin:comments_comment_changelist") + "?status__exact=pending",
        edits_posts=user.has_perm("blog.change_post"),
    )
