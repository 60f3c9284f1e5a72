import re
import socket
import subprocess
import time
from pathlib import Path

import pytest
import redis
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import path
from django.utils import timezone

from align.cache import site
from align.pagecache import reader_page
from comments.forms import issued_now, read_stamp
from comments.models import Comment
from tests.conftest import require
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def form_values(html):
    """The values the page's comment form holds for its token and stamp."""
    return re.findall(r'name="(?:csrfmiddlewaretoken|issued)"[^>]*?(?: value="([^"]*)")?>', html)


def test_a_cached_post_page_costs_no_query_and_is_the_same_for_every_stranger(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0
    post = make_post()
    make_comment(post, body="Cached comment")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first_page = first.get(post.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        second_page = second.get(post.get_absolute_url())

    assert len(queries) == 0
    assert "Cached comment" in second_page.content.decode()
    assert first_page.content == second_page.content
    assert form_values(first_page.content.decode()) == ["", ""]  # no token, no stamp
    assert not first_page.cookies and not second_page.cookies
    for client in (first, second):
        state = client.get("/comments/form-state/").json()["fields"]
        response = client.post(
            f"/comments/post/{post.pk}/",
            {**state, "name": "A", "email": "a@example.com", "body": "Token works"},
        )
        assert response.status_code == 302


def test_form_state_is_never_cached_and_its_stamp_counts_from_the_asking():
    post = make_post()
    Client().get(post.get_absolute_url())
    time.sleep(1.1)
    client = Client()

    first, second = client.get("/comments/form-state/"), client.get("/comments/form-state/")

    assert first["Cache-Control"] == "private, no-store"
    stamps = [read_stamp(r.json()["fields"]["issued"]) for r in (first, second)]
    assert all(stamp.age() < 1 for stamp in stamps)
    assert stamps[0].nonce != stamps[1].nonce  # each one sends one form


def test_approving_a_comment_refreshes_the_cached_page(client):
    post = make_post()
    waiting = make_comment(post, body="Waiting comment", status="pending")
    assert "Waiting comment" not in Client().get(post.get_absolute_url()).content.decode()
    staff = User.objects.create_user("maren", is_staff=True, is_superuser=True)
    client.force_login(staff)

    client.post(f"/admin/comments/comment/{waiting.pk}/moderate/approve/")

    assert "Waiting comment" in Client().get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize("status", ["removed", "spam"])
def test_removing_a_comment_refreshes_the_cached_page(status):
    post = make_post()
    comment = make_comment(post, body="Soon gone")
    assert "Soon gone" in Client().get(post.get_absolute_url()).content.decode()

    comment.status = status
    comment.save()

    assert "Soon gone" not in Client().get(post.get_absolute_url()).content.decode()


def test_editing_a_post_refreshes_its_page_and_the_lists():
    post = make_post(title="Old title")
    Client().get(post.get_absolute_url())
    Client().get("/")

    post.title = "New title"
    post.save()

    assert "New title" in Client().get(post.get_absolute_url()).content.decode()
    assert "New title" in Client().get("/").content.decode()


def test_a_visitor_with_a_pending_comment_gets_a_page_of_their_own(client, settings):
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    post = make_post()
    Client().get(post.get_absolute_url())  # cached for everyone

    response = client.post(
        f"/comments/post/{post.pk}/",
        {"name": "Ana", "email": "ana@example.com", "body": "Only Ana sees this"},
        follow=True,
    )

    assert "Only Ana sees this" in response.content.decode()
    assert "Only Ana sees this" not in Client().get(post.get_absolute_url()).content.decode()


def test_personal_pages_still_use_the_cached_thread(client):
    """A signed-in reader's page is built for them alone, but its thread and the layout of
    its comment pages are everyone's, read from the database once."""
    post = make_post()
    make_comment(post, body="A comment for everyone")
    client.force_login(User.objects.create_user("reader"))
    client.get(post.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        html = client.get(post.get_absolute_url()).content.decode()

    assert "A comment for everyone" in html
    assert queries.captured_queries  # built for them: not a page from the page cache
    assert not [q for q in queries.captured_queries if "comments_comment" in q["sql"]]


def expired_session():
    """The key of a session that was signed in and has since expired."""
    client = Client()
    client.force_login(User.objects.create_user("gone"))
    key = client.cookies["sessionid"].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now())
    return key


@pytest.mark.parametrize(
    "name, value",
    [
        ("sessionid", "made-up"),  # too short to be a key: not even looked up
        ("sessionid", "made-up-session-key-0123456789"),
        ("sessionid", expired_session),
        ("messages", "made-up"),
        ("messages", "W10:1tX2Lq:not-our-signature"),
        ("own_comments", "1,2,3"),
        ("own_comments", "1:1tX2Lq:not-our-signature"),
    ],
)
def test_a_personal_cookie_that_holds_nothing_costs_what_a_strangers_visit_does(name, value):
    post = make_post()
    make_comment(post, body="A comment for everyone")
    strangers = Client().get(post.get_absolute_url())
    client = Client()
    client.cookies[name] = value() if callable(value) else value

    with CaptureQueriesContext(connection) as queries:
        response = client.get(post.get_absolute_url())

    assert response.content == strangers.content  # the page cache's copy
    # At most the look-up of the session the cookie names; the page's own queries, none.
    assert len(queries) <= (name == "sessionid")
    assert response.cookies[name]["max-age"] == 0  # and the browser forgets it


def test_a_session_that_holds_something_still_gets_a_page_of_its_own(client):
    post = make_post()
    Client().get(post.get_absolute_url())
    client.force_login(User.objects.create_user("reader"))

    with CaptureQueriesContext(connection) as queries:
        response = client.get(post.get_absolute_url())

    assert len(queries) > 1 and response["Cache-Control"] == "private, no-cache"
    assert "sessionid" not in response.cookies


def test_conditional_get_answers_304_until_something_changes(client):
    post = make_post()
    first = client.get(post.get_absolute_url())
    etag = first["ETag"]

    again = client.get(post.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)
    make_comment(post)
    changed = client.get(post.get_absolute_url(), HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304 and again.content == b""
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "Cookie" in first["Vary"]


def test_a_new_cookie_means_a_new_etag(client):
    post = make_post()
    mine = HttpResponse()
    mine.set_signed_cookie(
        "own_comments", str(make_comment(post, status="pending").pk), salt="own_comments"
    )
    etag = client.get(post.get_absolute_url())["ETag"]
    client.cookies["own_comments"] = mine.cookies["own_comments"].value

    assert client.get(post.get_absolute_url(), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_scheduled_post_appears_without_a_write(client):
    make_post(title="Already out")
    make_post(title="Coming soon", published_at=timezone.now() + timezone.timedelta(seconds=2))
    first = client.get("/")
    assert "Coming soon" not in first.content.decode()

    time.sleep(3)
    later = client.get("/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert later.status_code == 200 and "Coming soon" in later.content.decode()


def test_other_query_strings_are_not_cached():
    post = make_post()
    Client().get(post.get_absolute_url() + "?utm_source=mail")

    with CaptureQueriesContext(connection) as queries:
        Client().get(post.get_absolute_url() + "?utm_source=mail")

    assert len(queries) > 0


def cached_pages():
    return sum(":page:" in key for key in caches["local"]._cache)


BUILT = []


def labelled(request):
    BUILT.append(request.path)
    return HttpResponse("Same words", headers={"Content-Language": "en", "X-Label": "kept"})


urlpatterns = [path("labelled/", reader_page(labelled), name="labelled")]


@override_settings(ROOT_URLCONF=__name__)
def test_a_cached_page_keeps_the_headers_its_view_set():
    BUILT.clear()
    first = Client().get("/labelled/")
    again = Client().get("/labelled/")

    assert BUILT == ["/labelled/"]  # the second came from the cache
    assert again.content == first.content == b"Same words"
    assert (again["Content-Language"], again["X-Label"]) == ("en", "kept")
    assert again["Cache-Control"] == first["Cache-Control"]


def test_made_up_page_numbers_add_nothing_to_the_page_cache():
    for day in range(12):
        make_post(published_at=timezone.now() - timezone.timedelta(days=day + 1))
    post = make_post()
    caches["local"].clear()
    client = Client()
    client.get(post.get_absolute_url())
    client.get("/?page=2")
    before = cached_pages()

    post_pages = [client.get(post.get_absolute_url(), {"page": n}) for n in range(300)]
    made_up = ["3", "300", "0", "02", "+2", " 2", "²", "٢", "2.0", "last", "9" * 30, ""]
    list_pages = [client.get("/", {"page": page}) for page in made_up]

    assert cached_pages() == before == 2
    assert {(r.status_code, r["Location"]) for r in post_pages} == {(301, post.get_absolute_url())}
    assert [r.status_code for r in list_pages] == [404] * len(made_up)


def test_page_one_and_pages_on_a_post_lead_to_the_pages_own_address():
    post = make_post()

    assert Client().get("/?page=1")["Location"] == "/"
    redirect = Client().get(post.get_absolute_url() + "?page=2&replyto=7")
    assert redirect.status_code == 301
    assert redirect["Location"] == post.get_absolute_url() + "?replyto=7"


def test_pages_live_until_the_next_scheduled_post_appears():
    assert site.seconds_to_live() == 24 * 3600
    make_post(published_at=timezone.now() + timezone.timedelta(minutes=10))

    assert 590 <= site.seconds_to_live() <= 600


def redis_answers():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def test_redis_is_the_shared_cache_when_configured(settings):
    require(redis_answers(), "Redis on 127.0.0.1:6379", "redis-server (it runs on CI's machine)")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{time.time_ns()}",
        },
    }
    post = make_post()
    make_comment(post, body="From Redis")
    Client().get(post.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        html = Client().get(post.get_absolute_url()).content.decode()
    Comment.objects.update(status="removed")
    make_comment(post, body="After the change")

    assert len(queries) == 0 and "From Redis" in html
    assert "After the change" in Client().get(post.get_absolute_url()).content.decode()


REDIS_SERVER = Path("/usr/bin/redis-server")


def spare_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server of the test's own, which it can stop and start again."""

    def __init__(self, port):
        self.port, self.process = port, None

    def start(self):
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        pytest.fail("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)

    def refuse(self):
        """Running, with its data, but answering no one, as behind a network fault."""
        with redis.Redis(port=self.port) as admin:
            admin.config_set("requirepass", "closed")
            admin.client_kill_filter(_type="normal", skipme=True)

    def admit(self):
        with redis.Redis(port=self.port, password="closed") as admin:
            admin.config_set("requirepass", "")


@pytest.fixture
def redis_server(settings, site_settings):
    """The shared cache, configured as the site does, on a private redis-server."""
    require(REDIS_SERVER.exists(), "redis-server", "apt-get install -y redis-server")
    server = RedisServer(spare_port())
    server.start()
    made = site_settings(REDIS_URL=f"redis://127.0.0.1:{server.port}/0")
    settings.CACHES = {**settings.CACHES, "default": made["CACHES"]["default"]}
    yield server
    if server.process.poll() is None:
        server.stop()


def test_a_redis_outage_slows_pages_but_breaks_nothing(client, settings, caplog, redis_server):
    settings.COMMENTS_FLOOD_SECONDS = settings.COMMENTS_MIN_FORM_SECONDS = 0
    post = make_post(title="Hip reset", body="Breathe out slowly.")
    make_comment(post, author_name="Ana", author_email="ana@example.com", body="First words")
    month = post.published_at.astimezone(timezone.get_current_timezone())
    pages = ["/", post.get_absolute_url(), f"/blog/{month:%Y/%m}/", "/search/?q=hip"]
    for url in pages:
        client.get(url)  # cached while Redis runs

    redis_server.stop()
    answers = {url: Client().get(url) for url in pages}
    response = client.post(
        f"/comments/post/{post.pk}/",
        {
            "name": "Ana",
            "email": "ana@example.com",
            "body": "Written during the outage",
            "issued": issued_now(),
        },
    )
    make_post(title="Written while Redis was down", lead_image=True)
    health = Client().get("/healthz")

    assert {url: answer.status_code for url, answer in answers.items()} == dict.fromkeys(pages, 200)
    assert "Hip reset" in answers["/search/?q=hip"].content.decode()
    assert response.status_code == 302
    assert Comment.objects.get(body="Written during the outage").status == "approved"
    assert "Written during the outage" in Client().get(post.get_absolute_url()).content.decode()
    assert "Written while Redis was down" in Client().get("/").content.decode()
    assert health.status_code == 200
    assert health.content.decode().startswith("database: ok\ncache: degraded (ConnectionError)")
    assert caplog.text.count("Shared cache failed (ConnectionError") == 1  # once an outage


def test_writes_made_while_redis_was_unreachable_show_once_it_answers(redis_server):
    post = make_post()
    make_comment(post, body="Before the fault")
    assert "Before the fault" in Client().get(post.get_absolute_url()).content.decode()
    redis_server.refuse()
    make_comment(post, body="During the fault")

    redis_server.admit()  # with the versions it held before
    time.sleep(1.1)  # a process leaves a failed cache alone for a second
    html = Client().get(post.get_absolute_url()).content.decode()

    assert "During the fault" in html
    assert Client().get("/healthz").content.decode() == "database: ok\ncache: ok\nmail: ok\n"
