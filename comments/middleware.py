"""A returning commenter is a stranger again, served from the page cache, once none of
their comments awaits moderation or may still be changed by them."""

from comments import visitor
from comments.models import Comment


class OwnCommentsMiddleware:
    """The own-comments cookie makes every page its holder's own (built for them, never
    from the page cache: settings.PERSONAL_COOKIES), so it names only comments still
    awaiting moderation or still open to their writer's changes (Comment.objects.editable).
    A page answered to its holder drops the others, and the cookie itself when none is
    left. One that names no comment (made up, or signed with another key) is no cookie at
    all: its holder is served as a stranger, and it is cleared."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        own = request.COOKIES.get(visitor.OWN_COOKIE)
        names_none = bool(own) and not visitor.own_comments(request)
        if names_none:
            del request.COOKIES[visitor.OWN_COOKIE]
        response = self.get_response(request)
        if visitor.OWN_COOKIE in response.cookies:  # the visitor's new comment
            return response
        if names_none:
            visitor.keep_own_comments(request, response, waiting=set())
        elif own and request.method in ("GET", "HEAD") and response.status_code == 200:
            mine = Comment.objects.filter(pk__in=visitor.own_comments(request))
            kept = mine.filter(status__in=Comment.AWAITING) | mine.editable()
            waiting = set(kept.values_list("pk", flat=True))
            visitor.keep_own_comments(request, response, waiting)
        return response
