"""Which answers a shared cache (Varnish, a CDN) may keep, as the headers say."""

import pytest
from django.contrib import messages
from django.contrib.auth.models import User
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.utils import timezone

from comments.visitor import OWN_COOKIE
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db
SHARED = "public, max-age=0, s-maxage=60, stale-while-revalidate=30"
PRIVATE = "private, no-cache"


@pytest.fixture(autouse=True)
def lifetimes(settings):
    settings.SHARED_CACHE_SECONDS = 60
    settings.SHARED_CACHE_STALE_SECONDS = 30


@pytest.fixture
def post():
    post = make_post()
    make_comment(post, body="A comment for everyone.")
    return post


def test_reader_pages_for_strangers_may_be_kept_by_shared_caches(client, post):
    year = f"/blog/{post.published_at.year}/"
    for path in ("/", post.get_absolute_url(), "/privacy/", "/exercises/", year):
        response = client.get(path)

        assert response.status_code == 200, path
        assert response["Cache-Control"] == SHARED, path
        # Varies on what changes it (a personal cookie) and on nothing else.
        assert response["Vary"] == "Cookie", path
        assert not response.cookies, path


def test_a_strangers_post_page_carries_no_per_visitor_bytes(post):
    first = Client().get(post.get_absolute_url())
    second = Client().get(post.get_absolute_url())

    assert first.content == second.content
    assert first["Cache-Control"] == SHARED


def test_the_lifetime_comes_from_the_settings(client, settings):
    settings.SHARED_CACHE_SECONDS = 5
    settings.SHARED_CACHE_STALE_SECONDS = 0

    response = client.get("/")

    assert response["Cache-Control"] == "public, max-age=0, s-maxage=5, stale-while-revalidate=0"


@pytest.mark.parametrize(
    "path",
    [
        "/?page=1",  # a redirect to the page's own address
        "/?corder=oldest",  # and another
        "/?page=x",  # a page written otherwise than its links write it: a 404
        "/blog/2020/01/01/no-such-post/",
        "/?x=1",  # a query string the page does not read
        "/?page=2&",  # the page's own parameters, written otherwise
        "/privacy/?utm_source=mail",
        "/blog/02020/",  # a year written otherwise
    ],
)
def test_only_a_page_at_its_own_address_may_be_kept(client, path):
    for day in range(12):  # two pages of posts, one of them in 2020
        make_post(published_at=timezone.make_aware(timezone.datetime(2020, 1, day + 1)))

    assert client.get("/?page=2")["Cache-Control"] == SHARED
    assert client.get("/blog/2020/")["Cache-Control"] == SHARED
    assert client.get(path)["Cache-Control"] == PRIVATE, path


def test_a_conditional_get_answered_304_may_be_kept(client, post):
    etag = client.get(post.get_absolute_url())["ETag"]

    response = client.get(post.get_absolute_url(), headers={"If-None-Match": etag})

    assert response.status_code == 304
    assert response["Cache-Control"] == SHARED


def personal_cookie(name, post):
    """A cookie of the kind `name` that holds something of the visitor's."""
    response = HttpResponse()
    if name == OWN_COOKIE:
        mine = make_comment(post, status="pending")
        response.set_signed_cookie(OWN_COOKIE, str(mine.pk), salt=OWN_COOKIE)
    elif name == CookieStorage.cookie_name:
        storage = CookieStorage(RequestFactory().get("/"))
        storage.add(messages.SUCCESS, "Saved.")
        storage.update(response)
    else:
        session = SessionStore()
        session["seen"] = True
        session.create()
        return session.session_key
    return response.cookies[name].value


@pytest.mark.parametrize("cookie", [OWN_COOKIE, CookieStorage.cookie_name, "sessionid"])
def test_a_page_drawn_for_a_visitor_with_a_cookie_of_their_own_is_private(client, post, cookie):
    for path in ("/", post.get_absolute_url()):
        client.cookies[cookie] = personal_cookie(cookie, post)
        response = client.get(path)

        assert response["Cache-Control"] == PRIVATE
        assert "Cookie" in response["Vary"]


def test_the_therapist_signed_in_gets_private_pages(client, post):
    client.force_login(User.objects.create_user("therapist", is_staff=True))

    assert client.get(post.get_absolute_url())["Cache-Control"] == PRIVATE


def test_a_reader_page_that_sets_a_cookie_is_private(client):
    # A CSRF cookie that cannot be read is replaced, on whatever page the visitor asks for.
    client.cookies["csrftoken"] = "not-a-token"

    response = client.get("/")

    assert response.cookies
    assert response["Cache-Control"] == PRIVATE


def test_everything_else_is_private_unless_it_says_otherwise(client, post):
    for path in ("/healthz", "/search/?q=comment", "/feed/", "/robots.txt"):
        assert client.get(path)["Cache-Control"] == PRIVATE, path

    sent = client.post(f"/comments/post/{post.pk}/", {"body": ""})
    assert sent["Cache-Control"] == PRIVATE
    # The admin's own, stricter header is kept.
    assert "no-store" in client.get("/admin/login/")["Cache-Control"]


@pytest.mark.parametrize("value", ["ten", "-1", "1.5", "６０"])
@pytest.mark.parametrize(
    "name", ["DJANGO_SHARED_CACHE_SECONDS", "DJANGO_SHARED_CACHE_STALE_SECONDS"]
)
def test_lifetimes_that_are_not_whole_seconds_stop_the_start(site_settings, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        site_settings(**{name: value})


def test_lifetimes_default_to_a_minute_and_half_a_minute(site_settings):
    assert site_settings()["SHARED_CACHE_SECONDS"] == 60
    assert site_settings()["SHARED_CACHE_STALE_SECONDS"] == 30
    assert site_settings(DJANGO_SHARED_CACHE_SECONDS="300")["SHARED_CACHE_SECONDS"] == 300
