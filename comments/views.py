import copy
import logging
from urllib.parse import urlsplit

from django.contrib import messages
from django.core import signing
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse, QueryDict
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import resolve
from django.views import csrf
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from align.middleware import RETRY_AFTER_SECONDS
from blog.models import Post
from blog.views import PostDetail
from comments import email_actions, moderation, notifications, pages, services, visitor
from comments.forms import CommentForm, issued_now, read_stamp
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
SEND_ONCE_MORE = (
    "One more step keeps this form safe: your text is kept below, so please press "
    "Post Comment once more to send it."
)
THANK_YOU = "Thank you!"
ALREADY_HAVE = "We already have this comment, so it was not saved twice."
PUBLISHED = "Your comment is published."
FOLLOWING = (
    " To follow this conversation, open the link in the email we are sending you (if we sent "
    "you one in the last hour, its link covers this too)."
)
WAITING = "Your comment is awaiting moderation: it will appear here once the therapist has read it."
DETAILS = ("name", "email", "url")


def csrf_failure(request, reason=""):
    """The CSRF_FAILURE_VIEW. A comment whose only fault is its token (the page is cached for
    everyone, and no script asked for one) comes back to be sent once more, when the browser
    shows it was sent from this site; anything else gets Django's own 403 page."""
    match = request.resolver_match
    if match is not None and match.func is post and from_here(request):
        return send_once_more(request, **match.kwargs)
    return csrf.csrf_failure(request, reason)


def from_here(request):
    """Whether the browser says the request comes from a page of this site: by its Origin
    when it sends one (which Django has checked), else by its Referer (which Django checks
    only over HTTPS). A request that passes this failed on its token alone."""
    here = f"{request.scheme}://{request.get_host()}"
    if "HTTP_ORIGIN" in request.META:
        return request.META["HTTP_ORIGIN"] == here
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    return f"{referer.scheme}://{referer.netloc}" == here


@require_GET
def form_state(request):
    """What the comment form needs from this visitor, asked when they start writing (the
    cached page carries none of it): a CSRF token, a stamp whose minimum time counts from
    now, and the details they asked us to remember."""
    response = JsonResponse(
        {
            "fields": {"csrfmiddlewaretoken": get_token(request), "issued": issued_now()},
            "saved": visitor.saved_author(request),
        }
    )
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "HEAD", "POST"])  # a token problem: csrf_failure()
def post(request, post_id):
    post = get_object_or_404(Post.objects.published().select_related("author"), pk=post_id)
    if request.method != "POST":
        # The form's own address, opened from the address bar (it shows there after a
        # form error): the form is on the post's page.
        return redirect(f"{post.get_absolute_url()}#respond")
    form = CommentForm(post, request.POST)
    if not form.is_valid():
        return redraw(request, post, form, status=400)
    data = form.cleaned_data
    ip_address = visitor.client_ip(request)
    earlier = form.earlier_copy(ip_address)
    if earlier is not None:
        return stored(request, post, earlier, data, ALREADY_HAVE)
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
            resent=form.resent(),
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
            follow_thread=data["follow_thread"],
            stamp=data["issued"],
            flood_check=True,
            site=request.build_absolute_uri("/"),  # the emails' links, without SITE_URL
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
    asks = data["follow_thread"] and comment.status in Comment.ANSWERABLE
    following = FOLLOWING if asks else ""
    return stored(request, post, comment, data, THANK_YOU + form.depth_note() + following)


def stored(request, post, comment, data, opening):
    """The answer to a comment that is in the database: the page holding it, where the
    confirmation (`opening` and its state) is drawn inside it (comments.section finds the
    message by its tag), in the order the visitor was reading the thread in. Should the
    database go before that page's address is worked out, a page that needs none says the
    comment was received: never that it was lost, which would have it sent twice."""
    published = comment.status == Comment.Status.APPROVED
    try:
        response = redirect(pages.comment_url(comment, newest_first(request.POST)))
    except DatabaseError:
        logger.exception("Comment %s is saved; the page holding it could not be found", comment.pk)
        context = {"post": post, "comment": comment, "published": published}
        response = HttpResponse(render_to_string("comments/received.html", context))
    else:
        level, state = (messages.SUCCESS, PUBLISHED) if published else (messages.INFO, WAITING)
        tag = f"comment-{comment.pk}"
        messages.add_message(request, level, f"{opening} {state}", extra_tags=tag)
    visitor.add_own_comment(request, response, comment.pk)  # to draw it, or change it
    if data["save_info"]:
        visitor.remember_author(request, response, data["name"], data["email"], data["url"])
    else:
        visitor.forget_author(request, response)
    return response


def permalink(request, pk):
    """A comment's lasting address: to the page of its post's thread that holds it. Only
    for what readers see there (approved comments, and placeholders with approved
    replies), on a published post; in the order the thread was read in, when the link
    from a page newest first says so."""
    post = get_object_or_404(Post.objects.published(), comments__pk=pk)
    comment = get_object_or_404(Comment.objects.thread(post).select_related("post"), pk=pk)
    return redirect(pages.comment_url(comment, pages.newest_first(request)))


def newest_first(data):
    """Whether a sent form says its page showed the newest thread first."""
    return data.get(pages.ORDER_PARAMETER) == pages.NEWEST


def send_once_more(request, post_id):
    """A comment sent without a valid token (the page is cached for everyone, and no script
    asked for one): the form back with its text, a token and a stamp, and the details this
    visitor saved filled in; nothing is saved until it is sent again."""
    post = get_object_or_404(Post.objects.published().select_related("author"), pk=post_id)
    data = request.POST.copy()
    saved = visitor.saved_author(request)
    filled = [key for key in DETAILS if saved.get(key) and not data.get(key, "").strip()]
    for key in filled:
        data[key] = saved[key]
    if filled:
        data["save_info"] = "on"
    if read_stamp(data.get("issued")) is None:
        data["issued"] = issued_now(resent=True)
    return refuse(request, post, CommentForm(post, data), SEND_ONCE_MORE, status=400)


def refuse(request, post, form, message, status):
    """The post page again, with the visitor's text and why it was not saved."""
    form.add_error(None, message)
    return redraw(request, post, form, status=status)


def redraw(request, post, form, status):
    """The post page again, drawn by the post's own view for this visitor alone, with the
    form they sent in its comment section."""
    # Drawn by the view itself, not its cached form (reader_page), for this visitor alone.
    page_request = copy.copy(request)
    page_request.method = "GET"
    # In the order the visitor was reading the thread in.
    page_request.GET = QueryDict(pages.query(1, newest_first(request.POST)))
    view = PostDetail.as_view(comment_form=form)
    response = view(page_request, **resolve(post.get_absolute_url()).kwargs).render()
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


@require_http_methods(["GET", "HEAD", "POST"])
def moderate(request, token):
    """A moderation link from the moderators' email, no login needed (the signed link is
    the credential): the comment and one button. Mail scanners open links; only the
    button's POST acts, and only while the comment has the status the email was sent for."""
    try:
        link = notifications.moderation_link(token)
        comment = Comment.objects.select_related("post").get(pk=link.pk)
    except signing.SignatureExpired:
        context = {"problem": "expired", "days": notifications.MODERATE_LINK_LIFETIME.days}
        return moderation_page(request, context, status=410)
    except Comment.DoesNotExist:
        return moderation_page(request, {"problem": "gone"}, status=410)
    except signing.BadSignature:
        return moderation_page(request, {"problem": "invalid"}, status=400)
    changed = False
    if request.method == "POST":
        try:
            comment, changed = email_actions.act(link)
        except email_actions.NoModerator:
            return moderation_page(request, {"problem": "no-moderator"}, status=409)
        except Comment.DoesNotExist:
            return moderation_page(request, {"problem": "gone"}, status=410)
    context = {
        "comment": comment,
        "label": email_actions.label(link),
        "changed": changed,
        "spent": email_actions.spent(link, comment),
    }
    return moderation_page(request, context)


def moderation_page(request, context, status=200):
    response = render(request, "comments/moderate.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response
