"""Writes that meet a fault: a picture the media folder will not take comes back as a form
error with everything else kept, and a comment stored before the database went away is
reported as received, its resending recognised."""

import re
from datetime import timedelta

import pytest
from django.db import OperationalError, connection
from django.utils import timezone

from blog.models import Exercise, Post
from comments.models import Comment
from tests.factories import image_upload, make_author, make_comment, make_post
from tests.test_comment_views import form_data
from tests.test_writing_admin import EXERCISES, POSTS, field_errors

pytestmark = pytest.mark.django_db
NOT_STORED = (
    "The picture could not be stored. Everything else is kept below: please choose the "
    "picture again and save in a moment."
)


@pytest.fixture
def media_refused(settings, tmp_path):
    """A media folder no file can be written to: its path runs through a plain file, so the
    storage cannot make its folders (a read-only folder would still be written by root)."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    settings.MEDIA_ROOT = blocker / "media"


def add_exercise(client, photo_alt):
    exercise = {
        "name": "Supported bridge",
        "slug": "supported-bridge",
        "instructions": "Lift the hips slowly.",
        "hold_seconds": "30",
        "photo": image_upload("bridge.jpg"),
        "photo_alt": photo_alt,
    }
    return client.post(EXERCISES + "add/", exercise)


def test_a_photo_the_media_folder_refuses_is_an_error_at_its_field(
    client, therapist, media_refused
):
    response = add_exercise(client, photo_alt="Lying, hips lifted")

    html = response.content.decode()
    assert response.status_code == 200
    assert field_errors(html, "photo") == [NOT_STORED]
    assert 'value="Supported bridge"' in html
    assert "Lift the hips slowly.</textarea>" in html
    assert 'value="Lying, hips lifted"' in html
    assert not Exercise.objects.exists()


def test_a_lead_image_the_media_folder_refuses_saves_no_post(client, therapist, media_refused):
    author = make_author(user=therapist)
    response = client.post(
        POSTS + "add/",
        {
            "title": "Hip reset",
            "slug": "hip-reset",
            "author": author.pk,
            "summary": "Three moves for stiff hips.",
            "body": "Start on your back.",
            "status": "draft",
            "lead_image": image_upload("lead.jpg"),
            "lead_image_alt": "A hip stretch on a mat",
            "steps-TOTAL_FORMS": "0",
            "steps-INITIAL_FORMS": "0",
        },
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert field_errors(html, "lead_image") == [NOT_STORED]
    assert 'value="Hip reset"' in html
    assert "Start on your back.</textarea>" in html
    assert not Post.objects.exists()


def test_a_photo_that_cannot_be_kept_through_another_error_says_so(
    client, therapist, media_refused
):
    response = add_exercise(client, photo_alt="")

    html = response.content.decode()
    assert response.status_code == 200
    assert field_errors(html, "photo") == [NOT_STORED]
    assert field_errors(html, "photo_alt")
    assert 'name="photo-kept"' not in html
    assert not Exercise.objects.exists()


def send(client, post, data, address="198.51.100.7"):
    return client.post(f"/comments/post/{post.pk}/", data, REMOTE_ADDR=address)


def database_gone_after_commit(execute, sql, params, many, context):
    """Every query after a comment's transaction has committed fails, as when the database
    restarts at that moment."""
    if database_gone_after_commit.stored and not context["connection"].in_atomic_block:
        raise OperationalError("the database system is shutting down")
    result = execute(sql, params, many, context)
    if sql.startswith('INSERT INTO "comments_comment"'):
        database_gone_after_commit.stored = True
    return result


def send_as_the_database_goes(client, post, data):
    database_gone_after_commit.stored = False
    with connection.execute_wrapper(database_gone_after_commit):
        return send(client, post, data)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    ("known", "said"),
    [
        (False, "It is awaiting moderation: it will appear once the therapist has read it."),
        (True, "It is published."),
    ],
)
def test_a_comment_stored_before_the_database_went_is_reported_received(client, known, said):
    post = make_post()
    if known:
        yesterday = timezone.now() - timedelta(days=1)
        make_comment(
            post, author_name="Zoë Åberg", author_email="zoe@example.com", created_at=yesterday
        )

    response = send_as_the_database_goes(client, post, form_data())

    html = response.content.decode()
    assert response.status_code == 200
    assert "Your comment was received" in html
    assert said in html
    assert "not saved" not in html and "send it again" not in html
    comment = Comment.objects.get(body="Does the figure four help with sciatica?")
    assert f'href="{post.get_absolute_url()}#comment-{comment.pk}"' in html
    if not known:
        # Its writer sees it waiting on the post's page, as after any comment.
        assert "Does the figure four" in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.django_db(transaction=True)
def test_resending_a_comment_stored_before_the_database_went_stores_no_second(client):
    post = make_post()
    data = form_data()
    send_as_the_database_goes(client, post, data)

    response = send(client, post, data)

    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "We already have this comment, so it was not saved twice." in html
    assert "Does the figure four help with sciatica?" in html


def test_the_same_text_sent_again_is_recognised_whatever_its_spacing(client):
    post = make_post()
    send(client, post, form_data(body="Does the figure four\nhelp with sciatica?"))

    resent = form_data(body="  Does the figure four   help with\r\n sciatica? ")
    response = send(client, post, resent)

    comment = Comment.objects.get()
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "We already have this comment, so it was not saved twice." in html
    assert "Please wait a few seconds" not in html


@pytest.mark.parametrize(
    "change",
    [
        {"email": "someone.else@example.com", "name": "Someone Else"},
        {"body": "And does it help with a stiff back?"},
        {"post": True},
        {"minutes_ago": 11},
        {"address": "203.0.113.50"},  # another reader who knows her name, email and words
    ],
)
def test_only_the_same_text_from_the_same_sender_soon_after_is_a_copy(client, settings, change):
    settings.COMMENTS_FLOOD_SECONDS = 0
    post = make_post()
    send(client, post, form_data())
    if "minutes_ago" in change:
        earlier = timezone.now() - timedelta(minutes=change["minutes_ago"])
        Comment.objects.update(created_at=earlier)
    target = make_post() if "post" in change else post
    fields = {k: v for k, v in change.items() if k in ("email", "name", "body")}

    response = send(client, target, form_data(**fields), change.get("address", "198.51.100.7"))

    assert response.status_code == 302
    assert Comment.objects.count() == 2
    html = client.get(response["Location"]).content.decode()
    assert "We already have this comment" not in html
    assert re.search(r"Thank you! Your comment is", html)
