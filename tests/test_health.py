import pytest
from django.db import connection

from tests.test_middleware import connection_killed_before

pytestmark = pytest.mark.django_db


def test_health_check_answers_when_the_database_does(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert response.content == b"database: ok\ncache: ok\nmail: ok\n"


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="kills a PostgreSQL server's connection"
)
@pytest.mark.django_db(transaction=True)
def test_the_health_check_fails_only_when_the_database_does(client):
    with connection_killed_before("SELECT 1", refuse_new=True) as killed:
        response = client.get("/healthz")

    assert killed == [(True,)]
    assert response.status_code == 503
    assert response.content == b"database: unavailable (OperationalError)\ncache: ok\n"
