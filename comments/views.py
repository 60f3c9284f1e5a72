import logging

from django.contrib import messages
from django.core import signing
from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from align import pagecache
from align.middleware import RETRY_AFTER_SECONDS
from blog.models import Post
from comments import moderation, notifications, services, visitor
from comments.forms import CommentForm
from comments.models import Comment

logger = logging.getLogger(__name__)
FLOODING = (
    "You sent a comment a moment ago. Please wait a few seconds, then send this one again: "
    "your text is kept below."
)
SENT_BEFORE = (
    "This form was already sent once, so it was not sent again. If this is a new comment, "
    "your text is kept below: please send it again."
)


@require_POST
def post(request, post_id):
    post = get_object_or_404(Post.objects.published().select_related("author"), pk=post_id)
    form = CommentForm(post, request.POST)
    if not form.is_valid():
        return redraw(request, post, form, status=400)
    data = form.cleaned_data
    ip_address = visitor.client_ip(request)
    user = request.user if request.user.is_authenticated else None
    verdict = moderation.judge(
        moderation.Submission(
            name=data["name"],
            email=data["email"],
            url=data["url"],
            body=data["body"],
            ip_address=ip_address,
            user=user,
            form_seconds=form.form_seconds(),
            honeypot=data["homepage"],
        )
    )
    try:
        comment = services.post_comment(
            post,
            parent=data["parent"],
            name=data["name"],
            email=data["email"],
            url=data["url"],
            body=data["body"],
            status=verdict.status,
            user=user,
            ip_address=ip_address,
            user_agent=request.META.get("HTTP_USER_AGENT", ""),
            notify_replies=data["notify_replies"],
            stamp=data["issued"],
            flood_check=True,
        )
    except services.Flooding:
        return refuse(request, post, form, FLOODING, status=429)
    except services.StampUsed:
        return refuse(request, post, form, SENT_BEFORE, status=400)
    except DatabaseError:
        logger.exception("Could not save a comment on post %s", post.pk)
        # A page that needs no database: the visitor's text comes back to them.
        response = render(
            request, "comments/unavailable.html", {"form": form, "post": post}, status=503
        )
        response["Retry-After"] = RETRY_AFTER_SECONDS
        return response
    logger.info("Comment %s on post %s: %s (%s)", comment.pk, post.pk, comment.status, verdict)
    response = redirect(comment.get_absolute_url())
    if comment.status == Comment.Status.APPROVED:
        messages.success(request, "Thank you! Your comment is published.")
    else:
        messages.info(
            request,
            "Thank you! Your comment is awaiting moderation: it will appear here once the "
            "therapist has read it.",
        )
        visitor.add_own_comment(request, response, comment.pk)
    if data["save_info"]:
        visitor.remember_author(request, response, data["name"], data["email"], data["url"])
    else:
        visitor.forget_author(request, response)
    return response


def refuse(request, post, form, message, status):
    """The post page again, with the visitor's text and why it was not saved."""
    form.add_error(None, message)
    return redraw(request, post, form, status=status)


def redraw(request, post, form, status):
    """The post page again, drawn by the post's own view for this visitor alone, with the
    form they sent: its comment section finds the form on the request (comments.section)."""
    page_request = pagecache.private_get(request)
    page_request.comment_form = form
    match = resolve(post.get_absolute_url())
    response = pagecache.render(match.func(page_request, *match.args, **match.kwargs))
    if response.status_code == 200:
        response.status_code = status
    return response


@csrf_exempt  # the signed token is the credential; mail clients POST it for one-click
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stops reply emails for one comment, no login needed. The link in the email shows a
    one-button page (mail scanners open links; only a person, or a mail client's RFC 8058
    one-click POST, unsubscribes)."""
    try:
        comment = notifications.comment_from_token(token)
    except (signing.BadSignature, Comment.DoesNotExist):
        return render(request, "comments/unsubscribe.html", {"valid": False}, status=400)
    context = {"valid": True, "comment": comment, "subscribed": comment.notify_replies}
    if request.method == "POST":
        context["done"] = True
        if comment.notify_replies:
            Comment.objects.filter(pk=comment.pk).update(notify_replies=False)
            logger.info("Comment %s unsubscribed from reply emails", comment.pk)
    return render(request, "comments/unsubscribe.html", context)
