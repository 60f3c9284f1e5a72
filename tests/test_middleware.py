from contextlib import contextmanager

import psycopg
import pytest
from django.db import connection
from django.test import Client

from comments.models import Comment
from comments.notifications import unsubscribe_token
from tests.factories import make_comment, make_post

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="kills a PostgreSQL server's connection"
    ),
    pytest.mark.django_db(transaction=True),
]


@contextmanager
def connection_killed_before(marker, refuse_new=False):
    """Terminates the request's database connection, for real, just before its first query
    whose SQL contains `marker`; with `refuse_new`, the database then takes no connection."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    database = params.pop("dbname")
    admin = psycopg.connect(**params, dbname="postgres", autocommit=True)
    killed = []

    def kill(execute, sql, params, many, context):
        if marker in sql and not killed:
            if refuse_new:
                admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
            pid = context["connection"].connection.info.backend_pid
            killed.append(admin.execute("SELECT pg_terminate_backend(%s, 5000)", [pid]).fetchone())
        return execute(sql, params, many, context)

    try:
        with connection.execute_wrapper(kill):
            yield killed
    finally:
        admin.execute(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')
        admin.close()
        connection.close()


def visitor():
    """A browser: it gets the error page a server error would show, not the exception."""
    return Client(raise_request_exception=False)


def test_a_connection_dropped_mid_request_still_gives_the_reader_the_page():
    post = make_post(title="Hip reset")
    make_comment(post, body="Breathe out first.")

    with connection_killed_before('FROM "comments_comment"') as killed:
        response = visitor().get(post.get_absolute_url())

    assert killed == [(True,)]
    assert response.status_code == 200
    assert "Breathe out first." in response.content.decode()


def test_a_database_that_stays_down_gives_readers_a_503_to_come_back_later():
    post = make_post()
    make_comment(post)

    with connection_killed_before('FROM "comments_comment"', refuse_new=True) as killed:
        response = visitor().get(post.get_absolute_url())

    assert killed == [(True,)]
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "Our database did not answer just now" in response.content.decode()


def test_a_write_is_never_repeated_behind_the_visitors_back():
    comment = make_comment(make_post(), notify_replies=True)
    url = f"/comments/unsubscribe/{unsubscribe_token(comment)}/"

    with connection_killed_before('UPDATE "comments_comment"') as killed:
        response = visitor().post(url)

    assert killed == [(True,)]
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "What you sent was not saved" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).notify_replies
