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
from comments import pages
from comments import thread as comment_thread
from comments.forms import CommentForm

SENT_TAG = re.compile(r"comment-([0-9]{1,18})")


def section_context(request, post, form=None, with_form=True):
    """The thread's page the address names (Http404 if the post has no such page), with
    the visitor's own comments still waiting for moderation and the confirmation of the
    one just sent; and, unless `with_form` is off (a staff preview), the form: `form` when
    it is sent back to its writer (comments.views.redraw), else a new one answering the
    comment ?replyto= names."""
    page = part_number(request, pages.PAGE_PARAMETER)
    thread = pages.thread_cache(post.pk)
    layout = pages.layout(post, thread)
    if page is None or page > layout.count:
        raise Http404("This post has no such comment page.")
    trees = layout.trees(page)
    mine = comment_thread.waiting(request, post, *trees)
    html, sent = comment_thread.page_html(post, page, thread, trees, mine, confirmations(request))
    context = {
        "post": post,
        "thread_html": html,
        "sent": sent,
        "total": layout.total,
        "page": page,
        "page_count": layout.count,
        "page_links": pages.page_links(post, page, layout.count) if layout.count > 1 else (),
        "earlier_url": page > 1 and pages.page_url(post, page - 1, "#comments"),
        "later_url": page < layout.count and pages.page_url(post, page + 1, "#comments"),
    }
    if with_form:
        if form is None:
            reply_to = answerable(post, request.GET.get("replyto"))
            form = CommentForm(post, initial={"parent": reply_to and reply_to.pk})
            context["blank_fields"] = blank_fields()
        else:
            reply_to = answerable(post, form.data.get("parent"))
        context.update(form=form, reply_to=reply_to)
    return context


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
