"""A database connection that breaks under a request costs a reader a retry, not a 500."""

import logging

from django.db import InterfaceError, OperationalError, connections
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30
CONNECTION_ERRORS = (OperationalError, InterfaceError)


class DatabaseRetryMiddleware:
    """GET and HEAD run once more on a fresh connection. If that fails too, or for any other
    method (a write is never repeated behind the visitor's back), a plain 503 page that
    needs no database says when to come back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, CONNECTION_ERRORS):
            return None
        logger.warning("Database failed during %s %s: %r", request.method, request.path, exception)
        connections.close_all()
        reading = request.method in ("GET", "HEAD")
        if reading:
            try:
                return view_again(request)
            except CONNECTION_ERRORS as error:
                logger.warning("Database failed again, answering 503: %r", error)
                connections.close_all()
        return unavailable(sent=not reading)


def view_again(request):
    match = request.resolver_match
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render"):
        response.render()
    return response


def unavailable(sent):
    """Rendered without a request: no context processor can reach for the database."""
    response = HttpResponse(loader.render_to_string("503.html", {"sent": sent}), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response
