import logging
import socket

import pytest
from django.contrib.auth.models import User
from django.core import mail

from comments.models import Comment
from comments.notifications import unsubscribe_token
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def maren():
    return User.objects.create_user("maren", "maren@example.com", is_staff=True)


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Runs what the write path schedules for after the commit, as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_a_held_comment_emails_the_moderators(settings, commit):
    settings.MODERATOR_EMAILS = ["maren@example.com", "desk@example.com"]
    settings.SITE_URL = "https://align.example"
    with commit():
        comment = make_comment(
            make_post(title="Hip reset"), status="pending", author_name="Ana", body="Is it safe?"
        )

    (email,) = mail.outbox
    assert email.to == ["maren@example.com", "desk@example.com"]
    assert email.subject == "Comment waiting: Ana on “Hip reset”"
    assert "Is it safe?" in email.body
    assert f"https://align.example/admin/comments/comment/{comment.pk}/change/" in email.body


@pytest.mark.parametrize("status", ["approved", "spam"])
def test_no_email_for_comments_that_are_not_held(settings, commit, status):
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    with commit():
        make_comment(make_post(), status=status)

    assert mail.outbox == []


def test_nothing_is_sent_before_the_commit(settings, django_capture_on_commit_callbacks):
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    with django_capture_on_commit_callbacks() as callbacks:
        make_comment(make_post(), status="pending")

    assert mail.outbox == []
    for callback in callbacks:
        callback()
    assert len(mail.outbox) == 1


def test_the_author_reply_emails_a_reader_who_asked(settings, commit, maren):
    settings.SITE_URL = "https://align.example"
    question = make_comment(
        make_post(title="Hip reset"),
        author_name="Dana",
        author_email="dana@example.com",
        notify_replies=True,
    )
    with commit():
        reply = make_comment(
            question.post, parent=question, user=maren, author_name="Maren", body="Flex the foot."
        )

    (email,) = mail.outbox
    assert email.to == ["dana@example.com"]
    assert email.subject == "Maren answered your comment on “Hip reset”"
    assert "Flex the foot." in email.body
    assert f"https://align.example{reply.get_absolute_url()}" in email.body
    unsubscribe = f"https://align.example/comments/unsubscribe/{unsubscribe_token(question)}/"
    assert unsubscribe in email.body
    assert email.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"


def test_no_email_to_readers_who_did_not_ask_or_for_reader_replies(commit, maren):
    quiet = make_comment(make_post())
    asked = make_comment(make_post(), notify_replies=True)
    with commit():
        make_comment(quiet.post, parent=quiet, user=maren)
        make_comment(asked.post, parent=asked)  # another reader, not the therapist

    assert mail.outbox == []


def test_unsubscribe_takes_one_button_and_works_once_without_login(client):
    comment = make_comment(make_post(title="Hip reset"), notify_replies=True)
    url = f"/comments/unsubscribe/{unsubscribe_token(comment)}/"

    opened = client.get(url).content.decode()  # what a mail scanner does: nothing changes
    assert "Stop reply emails?" in opened and "Hip reset" in opened
    assert Comment.objects.get(pk=comment.pk).notify_replies
    first = client.post(url).content.decode()
    second = client.post(url).content.decode()

    assert "You are unsubscribed" in first
    assert "You were already unsubscribed" in second
    assert "You were already unsubscribed" in client.get(url).content.decode()
    assert not Comment.objects.get(pk=comment.pk).notify_replies


def test_one_click_unsubscribe_by_post_from_the_mail_client(client):
    comment = make_comment(make_post(), notify_replies=True)

    response = client.post(
        f"/comments/unsubscribe/{unsubscribe_token(comment)}/",
        {"List-Unsubscribe": "One-Click"},
    )

    assert response.status_code == 200
    assert not Comment.objects.get(pk=comment.pk).notify_replies


@pytest.mark.parametrize("tamper", ["other-comment", "edited-signature", "garbage"])
def test_a_tampered_unsubscribe_link_is_refused(client, tamper):
    mine = make_comment(make_post(), notify_replies=True)
    other = make_comment(make_post(), notify_replies=True)
    token = unsubscribe_token(mine)
    bad = {
        "other-comment": token.replace(token.split(":")[0], unsubscribe_token(other).split(":")[0]),
        "edited-signature": token[:-2] + ("aa" if not token.endswith("aa") else "bb"),
        "garbage": "not-a-token",
    }[tamper]

    response = client.post(f"/comments/unsubscribe/{bad}/")

    assert response.status_code == 400
    assert "This link is not valid" in response.content.decode()
    assert Comment.objects.filter(notify_replies=True).count() == 2


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_mail_server_failure_is_logged_and_the_comment_still_posts(
    client, settings, caplog, commit
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", closed_port(), 2
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    post = make_post()

    with caplog.at_level(logging.ERROR, logger="comments.notifications"), commit():
        response = client.post(
            f"/comments/post/{post.pk}/",
            {"name": "Ana", "email": "ana@example.com", "body": "Hello there"},
        )

    assert response.status_code == 302
    assert Comment.objects.get().status == "pending"
    assert "Could not send tell_moderators" in caplog.text
