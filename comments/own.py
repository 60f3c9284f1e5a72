"""A visitor fixing their own comment: for COMMENTS_EDIT_MINUTES after sending it, from
the browser that sent it (its id is in their signed own-comments cookie), while nobody has
replied. An edit is judged by the moderation rules again; the admin's history keeps the
earlier text, and a record of each comment taken back."""

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth import get_user_model
from django.db import transaction
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from comments import moderation, pages, services, visitor
from comments.forms import EditForm
from comments.models import Comment

EDITED = "Your comment was changed."
HELD = "It awaits moderation again: only you can see it for now."
DELETED = "Your comment was deleted."


def changeable(request, pk):
    """The visitor's own comment `pk` while they may still change it, else None."""
    if pk not in visitor.own_comments(request):
        return None
    return Comment.objects.filter(pk=pk).editable().select_related("post", "user").first()


def refused(request):
    """A plain page: the link is not this browser's, or its time is over."""
    minutes = settings.COMMENTS_EDIT_MINUTES
    return render(request, "comments/own_refused.html", {"minutes": minutes}, status=403)


@require_http_methods(["GET", "POST"])
def edit(request, pk):
    comment = changeable(request, pk)
    if comment is None:
        return refused(request)
    form = EditForm(request.POST or None, initial={"body": comment.body})
    if not form.is_valid():
        status = 400 if form.is_bound else 200
        return render(
            request, "comments/own_edit.html", {"form": form, "comment": comment}, status=status
        )
    earlier, body = comment.body, form.cleaned_data["body"]
    verdict = moderation.judge(
        moderation.Submission(
            name=comment.author_name,
            email=comment.author_email,
            url=comment.author_url,
            body=body,
            ip_address=visitor.client_ip(request),
            user=comment.user,
            # Its writer's form passed the time check when it was sent (spam is not theirs
            # to change), and this one has none.
            form_seconds=math.inf,
        )
    )
    if not services.edit_comment(comment, body, verdict.status):
        return refused(request)
    record(
        comment,
        CHANGE,
        f"Edited by its writer ({verdict.status}: {verdict.reason}). Earlier text: {earlier}",
    )
    held = comment.status != Comment.Status.APPROVED
    message = f"{EDITED} {HELD}" if held else EDITED
    messages.add_message(request, messages.SUCCESS, message, extra_tags=f"comment-{comment.pk}")
    return redirect(pages.comment_url(comment, False))


@require_http_methods(["GET", "POST"])
def delete(request, pk):
    comment = changeable(request, pk)
    if comment is None:
        return refused(request)
    if request.method == "GET":
        return render(request, "comments/own_delete.html", {"comment": comment})
    text = f"Deleted by its writer. Its text: {comment.body}"
    post_url = comment.post.get_absolute_url()
    with transaction.atomic():  # the record only of a comment that went
        record(comment, DELETION, text)
        if not services.delete_unanswered(comment):
            transaction.set_rollback(True)
            return refused(request)
    messages.success(request, DELETED)
    return redirect(f"{post_url}#comments")


def record(comment, action, message):
    """An entry in the admin's history of `comment`, in the name of the first superuser
    (LogEntry needs a user; a visitor has none). No superuser: no one reads the history."""
    user = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    if user is not None:
        LogEntry.objects.log_actions(
            user.pk, Comment.objects.filter(pk=comment.pk), action, message, single_object=True
        )
