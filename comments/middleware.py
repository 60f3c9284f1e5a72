"""A returning commenter is a stranger again, served from the page cache, once none of
their comments awaits moderation."""

from comments import visitor
from comments.models import Comment


class OwnCommentsMiddleware:
    """The own-comments cookie makes every page its holder's own (built for them, never
    from the page cache: settings.PERSONAL_COOKIES), so it names only comments still
    awaiting moderation. A page answered to its holder drops the ones moderated since, and
    the cookie itself when none is left."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        own = request.COOKIES.get(visitor.OWN_COOKIE)
        if (
            own
            and request.method in ("GET", "HEAD")
            and response.status_code == 200
            and visitor.OWN_COOKIE not in response.cookies
        ):
            mine = Comment.objects.filter(pk__in=visitor.own_comments(request))
            waiting = set(mine.filter(status__in=Comment.AWAITING).values_list("pk", flat=True))
            visitor.keep_own_comments(request, response, waiting)
        return response
