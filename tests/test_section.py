"""The post page's comment section (comments/section.py, drawn by comments/_section.html),
and the post page drawn again by the comments app when a comment cannot be sent."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from comments.forms import Stamp
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def send(client, post, **headers):
    fields = {
        "name": "Ana",
        "email": "ana@example.com",
        "body": "x",  # too short: sent back with the error
        "issued": Stamp(time.time() - 60).signed(),
    }
    return client.post(f"/comments/post/{post.pk}/", fields, **headers)


def test_a_comment_sent_back_is_the_post_page_drawn_for_its_writer_alone():
    older = make_post(title="The older post", published_at=timezone.now() - timedelta(days=9))
    post = make_post(title="Hip reset")
    make_comment(post, body="Breathe out first.")
    cached = Client().get(post.get_absolute_url())  # the page everyone gets, now cached

    response = send(Client(), post, HTTP_IF_NONE_MATCH=cached["ETag"])
    everyone_else = Client().get(post.get_absolute_url()).content.decode()

    html = response.content.decode()
    assert response.status_code == 400 and not response.has_header("ETag")
    assert "Your comment was not sent yet" in html and "x</textarea>" in html
    assert "Hip reset" in html and "Breathe out first." in html
    assert f'rel="prev" href="{older.get_absolute_url()}"' in html
    assert "Your comment was not sent yet" not in everyone_else
    assert 'name="body" cols="40" rows="7"' in everyone_else and "x</textarea>" not in everyone_else


def test_a_staff_preview_shows_the_thread_without_a_form(client):
    post = make_post(title="Coming soon", published_at=timezone.now() + timedelta(days=3))
    make_comment(post, body="An early word.")
    client.force_login(User.objects.create_user("maren", is_staff=True))

    html = client.get(f"/preview/{post.pk}/").content.decode()

    assert "1 Comment<" in html and "An early word." in html
    assert 'id="comment-form"' not in html


def test_the_post_page_has_its_comment_section_only_through_the_documented_hook(settings):
    post = make_post(title="Hip reset")
    make_comment(post, body="Breathe out first.")
    settings.COMMENT_SECTION = None  # no comments app to ask

    html = Client().get(post.get_absolute_url()).content.decode()

    assert "Hip reset" in html
    assert "Breathe out first." not in html and 'id="comment-form"' not in html
    assert 'id="comments"' not in html and "No comments yet" not in html
