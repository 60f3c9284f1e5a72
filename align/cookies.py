"""A personal cookie that holds nothing is no cookie.

The cookies settings.PERSONAL_COOKIES names give their holders pages built for them alone,
which neither cache keeps. A session cookie that names no session (made up, expired,
flushed) or a messages cookie whose signature fails holds nothing of the visitor's, yet
would cost a full build of every page if it counted: its holder is served as a stranger is
(align/pagecache.py), and the answer clears it.
"""

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage


def holds_session(request):
    # Loading is what tells: a key that names no live session loads as an empty session.
    return bool(request.session.keys())


def holds_messages(request):
    # One whose signature fails loads as none (and the messages framework clears it).
    return len(get_messages(request)) > 0


class EmptyCookiesMiddleware:
    """After SessionMiddleware and MessageMiddleware, which load what the cookies name, and
    which, on the way out, overwrite the clearing with a session or message made meanwhile."""

    def __init__(self, get_response):
        self.get_response = get_response
        # Each with the path its framework sets it on, which clearing it must name.
        self.checks = {
            settings.SESSION_COOKIE_NAME: (holds_session, settings.SESSION_COOKIE_PATH),
            CookieStorage.cookie_name: (holds_messages, "/"),
        }

    def __call__(self, request):
        empty = [
            (name, path)
            for name, (holds, path) in self.checks.items()
            if request.COOKIES.get(name) and not holds(request)
        ]
        for name, _ in empty:
            del request.COOKIES[name]
        response = self.get_response(request)
        for name, path in empty:
            response.delete_cookie(
                name,
                path=path,
                domain=settings.SESSION_COOKIE_DOMAIN,
                samesite=settings.SESSION_COOKIE_SAMESITE,
            )
        return response
