"""The post page's comment section: a page of the thread as this visitor sees it, the
links to its other pages, and the form."""

import re
from functools import cache

from django.contrib import messages
from django.http import Http404
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe

from align import pagecache
from align.numbers import whole_number
from comments import own, pages
from comments import thread as comment_thread
from comments.forms import CommentForm

SENT_TAG = re.compile(r"comment-([0-9]{1,18})")


def section_context(request, post, with_form=True):
    """The thread's page the address names, with the visitor's own comments still waiting
    for moderation and the confirmation of the one just sent, and (unless `with_form` is
    off, as on a staff preview) the form with its reply target."""
    page = pagecache.part_number(request, pages.PAGE_PARAMETER)
    if page is None:
        raise Http404("This post has no such comment page.")
    version = pagecache.version(pages.thread_version_key(post.pk))
    layout, thread = comment_thread.page_of_thread(post, page, version)
    if thread is None:
        raise Http404("This post has no such comment page.")
    # The same thread for everyone, the visitor's own waiting comments spliced in: on a
    # page built for them here, or (noted for the page cache) on the cached page.
    trees = layout.trees(page)
    pagecache.note(request, **{own.NOTE: (post.pk, *trees)})
    waiting = own.waiting(request, post.pk, *trees)
    html = mark_safe(own.spliced(thread, waiting, len(thread)))
    html, sent = with_confirmation(request, html)
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
        context.update(form_context(request, post))
    return context


def with_confirmation(request, html):
    """The thread with "Thank you..." inside the comment the visitor just sent, where the
    page lands (comments.views tags that message with the comment). Returns the thread
    and any such message that did not find its comment on this page, to show above it."""
    elsewhere, stored = [], messages.get_messages(request)
    if not stored:  # reading none would still mark them read, and the page uncacheable
        return html, elsewhere
    for message in stored:
        sent = SENT_TAG.fullmatch(message.extra_tags or "")
        if not sent:
            continue
        note = (
            f'<p class="comment__sent" id="comment-sent" role="status" tabindex="-1">'
            f"{escape(message.message)}</p>"
        )
        start = html.find(f'<article id="comment-{sent[1]}" ')
        end = html.find("</header>", start) if start >= 0 else -1
        if end < 0:
            elsewhere.append(message.message)
            continue
        end += len("</header>")
        html = mark_safe(f"{html[:end]}{note}{html[end:]}")
    return html, elsewhere


def form_context(request, post):
    """The form sent back to its writer (comments.views leaves it on the request), or a
    new one answering the comment ?replyto= names: empty, with neither token nor stamp nor
    saved details, the same for everyone (comments.js asks for those: views.form_state)."""
    form = getattr(request, "comment_form", None)
    if form is not None:
        return {"form": form, "reply_to": answerable(post, form.data.get("parent"))}
    reply_to = answerable(post, request.GET.get("replyto"))
    initial = {"parent": reply_to and reply_to.pk}
    form = CommentForm(post, initial=initial)
    return {"form": form, "reply_to": reply_to, "blank_fields": blank_fields()}


@cache
def blank_fields():
    """A new form's fields as HTML: the same on every post and for every visitor (the reply
    target is a field apart), so written out once per process, not once per page built
    (0.6 ms: Django renders each widget through a template)."""
    return mark_safe(render_to_string("comments/_fields.html", {"form": CommentForm(None)}))


def answerable(post, pk):
    """The approved comment of `post` a visitor asked to reply to, if there is one."""
    pk = whole_number(pk)
    if pk is None:
        return None
    return post.comments.public().filter(pk=pk).first()
