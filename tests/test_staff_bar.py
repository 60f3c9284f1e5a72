"""The therapist's bar on the public site: hers alone, never in a page kept for others."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from blog.models import Author
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db
BAR = '<nav id="staff-bar"'


@pytest.fixture
def post():
    post = make_post(title="Hip reset")
    make_comment(post, body="Lovely.")
    make_comment(post, body="Is this safe for my knee?", status="pending")
    make_comment(make_post(), body="And this one?", status="pending")
    return post


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, response.content.decode()


def test_the_therapist_sees_her_bar_on_a_post(client, therapist, post):
    Author.objects.filter(pk=post.author_id).update(user=therapist, name="Maren Holt")

    response, html = page(client, post.get_absolute_url())

    assert BAR in html
    bar = html[html.index(BAR) : html.index("</nav>", html.index(BAR))]
    assert '<a href="/admin/comments/comment/?status__exact=pending"' in bar
    assert "2 comments waiting" in bar
    assert f'href="/admin/blog/post/{post.pk}/change/">Edit this post</a>' in bar
    assert "Signed in as Maren Holt" in bar
    assert response["Cache-Control"] == "private, no-cache"


def test_off_a_post_the_bar_has_no_edit_link(client, therapist, post):
    _, html = page(client, "/")

    assert BAR in html and "Edit this post" not in html
    assert "Signed in as Maren" in html


def test_strangers_and_signed_in_readers_never_see_it(client, post):
    reader = User.objects.create_user("reader", "reader@example.com", "a-long-pass-phrase")
    client.force_login(reader)

    for visitor in (Client(), client):
        _, html = page(visitor, post.get_absolute_url())
        assert "staff-bar" not in html and "Edit this post" not in html


def test_a_strangers_page_asks_nothing_for_the_bar(post):
    Client().get(post.get_absolute_url())  # the page is built and kept

    with CaptureQueriesContext(connection) as queries:
        _, html = page(Client(), post.get_absolute_url())

    assert len(queries) == 0 and "staff-bar" not in html


def test_her_page_is_never_kept_for_a_stranger(client, therapist, post):
    url = post.get_absolute_url()
    stranger = Client()

    page(client, url)  # hers first: built for her, not kept
    response, html = page(stranger, url)
    assert "staff-bar" not in html and "Signed in as" not in html
    assert response["Cache-Control"].startswith("public")

    _, again = page(client, url)  # a stranger's page now kept: she still gets her own
    assert BAR in again
    _, later = page(stranger, url)
    assert "staff-bar" not in later


def test_a_staff_member_who_cannot_moderate_gets_no_count(client, post):
    editor = User.objects.create_user(
        "editor", "editor@example.com", "a-long-pass-phrase", is_staff=True
    )
    client.force_login(editor)

    _, html = page(client, post.get_absolute_url())

    assert BAR in html and "waiting" not in html and "Edit this post" not in html
    assert "Signed in as editor" in html
