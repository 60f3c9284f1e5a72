"""The post page's comment section, drawn by comments/_section.html: a page of the thread
as this visitor sees it, the links to its other pages, and the form. Blog's post view asks
for its context through section_context(), the function settings.COMMENT_SECTION names."""

import re
from functools import cache

from django.contrib import messages
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from align.canonical import part_number
from align.numbers import whole_number
from align.pagecache import personal
from comments import pages, visitor
from comments import thread as comment_thread
from comments.forms import CommentForm

SENT_TAG = re.compile(r"comment-([0-9]{1,18})")


def section_context(request, post, form=None, with_form=True):
    """The thread's page the address names, in the order it names (Http404 if the post
    has no such page), with the visitor's own comments still waiting for moderation, the
    Edit and Delete links of those they may still change and the confirmation of the one
    just sent; and, unless `with_form` is off (a staff preview), the form: `form` when it
    is sent back to its writer (comments.views.redraw), else a new one answering the
    comment ?replyto= names."""
    page = part_number(request, pages.PAGE_PARAMETER)
    newest = pages.newest_first(request)
    thread = pages.thread_cache(post.pk)
    layout = pages.layout(post, thread, newest)
    if page is None or page > layout.count:
        raise Http404("This post has no such comment page.")
    mine = comment_thread.waiting(request, post, layout, page)
    editable = comment_thread.editable(request, post)
    html, sent = comment_thread.page_html(
        post, page, thread, layout, mine, confirmations(request), editable
    )
    count = layout.count
    context = {
        "post": post,
        "thread_html": html,
        "sent": sent,
        "total": layout.total,
        "page": page,
        "page_count": count,
        "page_links": pages.page_links(post, page, count, newest) if count > 1 else (),
        "earlier_url": page > 1 and pages.page_url(post, page - 1, "#comments", newest),
        "later_url": page < count and pages.page_url(post, page + 1, "#comments", newest),
        "newest": newest,
        # The order is the reader's to choose once there are threads to put in order.
        "orders": layout.threads > 1 and orders(post, newest),
    }
    if with_form:
        if form is None:
            reply_to = answerable(post, request.GET.get("replyto"))
            form = new_form(request, post, reply_to)
            if not form.initial.get("save_info"):
                context["blank_fields"] = blank_fields()
        else:
            reply_to = answerable(post, form.data.get("parent"))
        context.update(form=form, reply_to=reply_to)
    return context


def orders(post, newest):
    """The links to the post's thread oldest first and newest first, to its first page."""
    return [
        {
            "label": label,
            "url": pages.page_url(post, 1, "#comments", first),
            "current": first == newest,
        }
        for label, first in (("Oldest first", False), ("Newest first", True))
    ]


def new_form(request, post, reply_to):
    """A new form answering `reply_to` (or the post), with the details the visitor asked
    us to remember filled in, as the script fills them, on a page built for them alone (a
    visitor with a cookie of their own, as on the page they land on after sending): the
    page everyone else gets, a visitor who only saved their details included, stays the
    same for all."""
    initial = {"parent": reply_to and reply_to.pk}
    saved = visitor.saved_author(request) if personal(request) else {}
    if saved:
        initial.update(saved, save_info=True)
    return CommentForm(post, initial=initial)


@cache
def blank_fields():
    """A new form's fields as HTML: the same on every post and for every visitor (the reply
    target is a field apart), so written out once per process, not once per page built
    (Django renders each widget through a template)."""
    return mark_safe(render_to_string("comments/_fields.html", {"form": CommentForm(None)}))


def confirmations(request):
    """{comment pk: "Thank you..."} for the comments this visitor has just sent, drawn
    inside each (comments.views tags the message with its comment)."""
    stored = messages.get_messages(request)
    if not stored:  # reading none would still mark them read, and the page uncacheable
        return {}
    sent = {}
    for message in stored:
        if tag := SENT_TAG.fullmatch(message.extra_tags or ""):
            sent[int(tag[1])] = message.message
    return sent


def answerable(post, pk):
    """The approved comment of `post` a visitor asked to reply to, if there is one."""
    pk = whole_number(pk)
    if pk is None:
        return None
    return post.comments.approved().filter(pk=pk).first()
