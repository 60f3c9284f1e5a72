"""The post page's comment section: the thread as this visitor sees it, and the form."""

from align.numbers import whole_number
from comments import thread as comment_thread
from comments import visitor
from comments.forms import CommentForm


def section_context(request, post, with_form=True):
    """The thread, with the visitor's own comments still waiting for moderation, and
    (unless `with_form` is off, as on a staff preview) the form with its reply target."""
    own = visitor.own_comments(request)
    thread = comment_thread.build(post, own) if own else comment_thread.cached(post)
    context = {"post": post, "thread": thread}
    if with_form:
        context.update(form_context(request, post))
    return context


def form_context(request, post):
    """The form sent back with its errors (comments.views leaves it on the request), or a
    new one with the visitor's saved details, answering the comment ?replyto= names."""
    form = getattr(request, "comment_form", None)
    if form is not None:
        return {"form": form, "reply_to": answerable(post, form.data.get("parent"))}
    reply_to = answerable(post, request.GET.get("replyto"))
    saved = visitor.saved_author(request)
    initial = {**saved, "save_info": bool(saved), "parent": reply_to and reply_to.pk}
    return {"form": CommentForm(post, initial=initial), "reply_to": reply_to}


def answerable(post, pk):
    """The approved comment of `post` a visitor asked to reply to, if there is one."""
    pk = whole_number(pk)
    if pk is None:
        return None
    return post.comments.public().filter(pk=pk).first()
