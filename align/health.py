"""/healthz: how the site's dependencies are, for the container check and its orchestrator."""

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpResponse
from mailer.models import Message


def healthz(request):
    """200 while the database answers, 503 when it does not: an orchestrator restarts web
    only for what a restart can mend. The body says how each dependency is."""
    states = {"database": database_state(), "cache": cache_state()}
    up = states["database"] == "ok"
    if up:
        states["mail"] = mail_state()
    body = "".join(f"{name}: {state}\n" for name, state in states.items())
    return HttpResponse(body, status=200 if up else 503, content_type="text/plain")


def database_state():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return f"unavailable ({type(error).__name__})"
    return "ok"


def cache_state():
    """Pages are built uncached while the shared cache fails: slower, still served."""
    try:
        cache.get("healthz")
    except Exception as error:  # whatever the backend raises
        return f"degraded ({type(error).__name__})"
    return "ok"


def mail_state():
    """Deferred mail: SMTP refused it (or is down); the mailer service tries again."""
    deferred = Message.objects.deferred().count()
    return f"degraded ({deferred} deferred)" if deferred else "ok"
