from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import make_category, make_comment, make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db


def test_every_reader_page_is_valid_html(client, html_errors):
    series = make_category(name="Feel Good Series")
    post = make_post(
        title="Hips & spine",
        body="Intro with a [link](/exercises/).\n\n## Part one\n\n- a\n- b",
        published_at=datetime(2016, 5, 10, 7, 30, tzinfo=ZoneInfo("America/Denver")),
        categories=[series],
        lead_image=True,
    )
    exercise = make_exercise(photo=True, cautions="Skip it after hip surgery.")
    make_step(post, exercise, note="Breathe out slowly.")
    question = make_comment(post, body="Where do I feel it?\n\nSee https://example.org/x")
    make_comment(post, parent=question, author_url="https://example.org/me")
    make_post(title="Another one")
    urls = {
        "home": "/",
        "post": post.get_absolute_url(),
        "month": "/blog/2016/05/",
        "year": "/blog/2016/",
        "category": series.get_absolute_url(),
        "exercises": "/exercises/",
        "exercise": exercise.get_absolute_url(),
        "search": "/search/?q=spine",
        "search-error": "/search/?q=" + "x" * 201,
        "reply-form": f"{post.get_absolute_url()}?replyto={question.pk}",
        "not-found": "/no/such/page/",
    }
    pages = {name: client.get(url).content.decode() for name, url in urls.items()}
    bad_comment = {"name": "", "email": "x", "body": "<b>hi</b>", "parent": str(question.pk)}
    response = client.post(f"/comments/post/{post.pk}/", bad_comment)
    pages["comment-errors"] = response.content.decode()

    assert html_errors(pages) == []
