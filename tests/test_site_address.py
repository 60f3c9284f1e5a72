"""The site's address in links that leave it (emails, the WXR download): SITE_URL when set,
else the address of the request that caused them."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from comments.forms import issued_now
from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mail_sent_at_once(settings):
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    settings.ALLOWED_HOSTS = ["testserver", "align.example", "blog.example"]


def held_comment_mail(host):
    post = make_post(title="Hip reset")
    Client().post(
        f"/comments/post/{post.pk}/",
        {"name": "Ana", "email": "ana@example.com", "body": "Is it safe?", "issued": issued_now()},
        HTTP_HOST=host,
    )
    call_command("send_mail")
    (email,) = mail.outbox
    return Comment.objects.get(), email.body


def test_without_site_url_a_held_comments_mail_links_to_the_address_it_came_to(settings):
    settings.SITE_URL = ""

    comment, body = held_comment_mail("blog.example")

    assert f"http://blog.example/admin/comments/comment/{comment.pk}/change/" in body
    assert "127.0.0.1" not in body


def test_site_url_wins_over_the_requests_address(settings):
    settings.SITE_URL = "https://align.example/"

    comment, body = held_comment_mail("blog.example")

    assert f"https://align.example/admin/comments/comment/{comment.pk}/change/" in body
    assert "blog.example" not in body


def test_without_site_url_her_reply_from_the_admin_links_to_her_address(
    settings, client, therapist
):
    settings.SITE_URL = ""
    question = make_comment(make_post(), author_email="dana@example.com", notify_replies=True)

    client.post(
        f"/admin/comments/comment/{question.pk}/reply/",
        {"body": "Flex the foot."},
        HTTP_HOST="blog.example",
    )
    call_command("send_mail")

    (email,) = mail.outbox
    assert "http://blog.example/comments/" in email.body and "127.0.0.1" not in email.body


def test_without_a_request_or_site_url_links_name_the_local_server(settings):
    settings.SITE_URL = ""

    comment = make_comment(make_post(), status="pending")
    call_command("send_mail")

    (email,) = mail.outbox
    assert f"http://127.0.0.1:8000/admin/comments/comment/{comment.pk}/change/" in email.body


@pytest.mark.parametrize(
    ("site_url", "expected"),
    [("", "http://blog.example"), ("https://align.example", "https://align.example")],
)
def test_the_wxr_download_links_to_the_right_address(
    settings, client, therapist, site_url, expected
):
    settings.SITE_URL = site_url
    make_post(title="Hip reset")

    response = client.get("/admin/transfer/download/", HTTP_HOST="blog.example")

    wxr = b"".join(response.streaming_content).decode()
    assert f"<wp:base_site_url>{expected}</wp:base_site_url>" in wxr
    assert "127.0.0.1" not in wxr


def test_site_url_is_unset_unless_the_environment_says(site_settings):
    assert site_settings()["SITE_URL"] == ""
    assert site_settings(SITE_URL="https://align.example")["SITE_URL"] == "https://align.example"
