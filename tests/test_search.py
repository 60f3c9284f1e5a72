import pytest
from django.db import connection

from blog.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def posts():
    return {
        "psoas": make_post(
            title="Releasing the psoas", body="The hip flexor that links spine and legs."
        ),
        "shoulders": make_post(title="Shoulders at the desk", body="Roll them back gently."),
        "hidden": make_post(title="Psoas draft", status=Post.Status.DRAFT),
    }


def search(client, text):
    return client.get("/search/", {"q": text}).content.decode()


def test_search_finds_published_posts_by_title_and_body(client, posts):
    assert "Releasing the psoas" in search(client, "psoas")
    assert "Releasing the psoas" in search(client, "flexor")
    html = search(client, "psoas")
    assert "Shoulders at the desk" not in html and "Psoas draft" not in html
    assert "1 post matches “psoas”." in html


def test_every_word_must_match(client, posts):
    assert "Releasing the psoas" in search(client, "hip spine")
    assert "0 posts match" in search(client, "hip shoulders")


def test_no_match_suggests_what_to_do(client, posts):
    html = search(client, "snowboarding")

    assert "0 posts match “snowboarding”." in html
    assert "Try fewer or different words" in html


def test_empty_search_shows_only_the_form(client, posts):
    html = search(client, "")

    assert 'id="id_q"' in html and "match" not in html


def test_bad_input_gets_a_message_not_an_error(client, posts):
    response = client.get("/search/", {"q": "hip\x00"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    too_long = search(client, "x" * 201)
    assert "Ensure this value has at most 200 characters" in too_long


@pytest.mark.skipif(connection.vendor != "postgresql", reason="ranking is PostgreSQL's")
def test_postgresql_ranks_title_matches_first_and_stems_words(client):
    make_post(title="Knees and ankles", body="A stretch helps the hips too.")
    make_post(title="Stretching the hips", body="Slow and easy.")

    html = search(client, "hip stretches")

    assert html.index("Stretching the hips") < html.index("Knees and ankles")
