import logging
import re
import socket
from contextlib import contextmanager
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client
from mailer.models import Message

from comments.forms import issued_now
from comments.models import Comment
from comments.notifications import comment_from_token, unsubscribe_token
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def mail_queue(settings):
    """Mail queued in the database, as the site does; deliver() sends it to mail.outbox."""
    settings.EMAIL_BACKEND = "mailer.backend.DbBackend"
    settings.MAILER_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def deliver():
    """What the mailer service does: send the queue, and retry what was deferred."""
    call_command("retry_deferred")
    call_command("send_mail")


@pytest.fixture
def maren():
    return User.objects.create_user("maren", "maren@example.com", is_staff=True)


def test_a_held_comment_emails_the_moderators(settings):
    settings.MODERATOR_EMAILS = ["maren@example.com", "desk@example.com"]
    settings.SITE_URL = "https://align.example"
    comment = make_comment(
        make_post(title="Hip reset"), status="pending", author_name="Ana", body="Is it safe?"
    )
    assert mail.outbox == []  # queued, not sent by the request
    deliver()

    (email,) = mail.outbox
    assert email.to == ["maren@example.com", "desk@example.com"]
    assert email.subject == "Comment waiting: Ana on “Hip reset”"
    assert "Is it safe?" in email.body
    assert f"https://align.example/admin/comments/comment/{comment.pk}/change/" in email.body
    assert not Message.objects.exists()


def test_an_email_is_plain_text_with_nothing_escaped(settings):
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    make_comment(
        make_post(title="Hips & knees <for runners>"),
        status="pending",
        author_name="Ann & Bo",
        body='Is 5 < 7? "Yes", it\'s fine.',
    )
    deliver()

    (email,) = mail.outbox
    assert "on “Hips & knees <for runners>” is waiting" in email.body
    assert "From: Ann & Bo <" in email.body
    assert 'Is 5 < 7? "Yes", it\'s fine.' in email.body


@pytest.mark.parametrize("status", ["approved", "spam"])
def test_no_email_for_comments_that_are_not_held(settings, status):
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    make_comment(make_post(), status=status)
    deliver()

    assert mail.outbox == []


def test_mail_is_queued_with_the_comment_or_not_at_all(settings):
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    post = make_post()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_comment(post, status="pending")
        raise RuntimeError("the request fails after the comment is saved")
    deliver()

    assert mail.outbox == [] and not Comment.objects.exists()


def test_the_author_reply_emails_a_reader_who_asked(settings, maren):
    settings.SITE_URL = "https://align.example"
    question = make_comment(
        make_post(title="Hip reset"),
        author_name="Dana",
        author_email="dana@example.com",
        notify_replies=True,
    )
    reply = make_comment(
        question.post, parent=question, user=maren, author_name="Maren", body="Flex the foot."
    )
    deliver()

    (email,) = mail.outbox
    assert email.to == ["dana@example.com"]
    assert email.subject == "Maren answered your comment on “Hip reset”"
    assert "Flex the foot." in email.body
    assert f"https://align.example{reply.get_absolute_url()}" in email.body
    # The token is signed with the second it was made in, so it is read back, not rebuilt.
    links = re.findall(r"https://align\.example/comments/unsubscribe/([^/\s]+)/", email.body)
    (unsubscribe,) = links
    assert comment_from_token(unsubscribe) == question
    link = f"https://align.example/comments/unsubscribe/{unsubscribe}/"
    assert email.extra_headers["List-Unsubscribe"] == f"<{link}>"


def test_no_email_to_readers_who_did_not_ask_or_for_reader_replies(maren):
    quiet = make_comment(make_post())
    asked = make_comment(make_post(), notify_replies=True)
    make_comment(quiet.post, parent=quiet, user=maren)
    make_comment(asked.post, parent=asked)  # another reader, not the therapist
    deliver()

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


def spare_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_at(settings, site_settings):
    """Mail settings as align/settings.py makes them for an SMTP server on this port."""

    def configure(port):
        made = site_settings(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="0")
        for name, value in made.items():
            if name.startswith(("EMAIL_", "MAILER_")):
                setattr(settings, name, value)
        settings.EMAIL_TIMEOUT = 1  # a stalled server need not hold the test for long

    return configure


def post_a_held_comment(settings, post):
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    return Client().post(
        f"/comments/post/{post.pk}/",
        {"name": "Ana", "email": "ana@example.com", "body": "Is it safe?", "issued": issued_now()},
    )


@contextmanager
def stalled_smtp_server():
    """Takes connections and never says a word, like a mail server under heavy load: the
    kernel accepts them into the backlog; accept() shows whether one came."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        server.setblocking(False)
        yield server


def connections_to(server):
    accepted = []
    while True:
        try:
            accepted.append(server.accept()[0])
        except BlockingIOError:
            break
    for sock in accepted:
        sock.close()
    return len(accepted)


@pytest.mark.django_db(transaction=True)
def test_a_slow_mail_server_does_not_hold_up_the_commenter(settings, smtp_at):
    post = make_post()
    with stalled_smtp_server() as server:
        smtp_at(server.getsockname()[1])

        response = post_a_held_comment(settings, post)
        during_the_request = connections_to(server)
        deliver()
        during_delivery = connections_to(server)

    assert response.status_code == 302
    assert Comment.objects.get().status == "pending"
    assert during_the_request == 0 and during_delivery == 1
    assert Message.objects.deferred().count() == 1  # kept to try again


class Inbox:
    """An aiosmtpd handler that keeps what it is sent."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"


@pytest.mark.django_db(transaction=True)
def test_mail_waits_while_the_mail_server_is_down_and_goes_once_it_is_back(settings, smtp_at):
    port = spare_port()
    smtp_at(port)
    post = make_post(title="Hip reset")

    response = post_a_held_comment(settings, post)
    deliver()  # nothing listens on the port yet
    waiting = Client().get("/healthz").content.decode()
    inbox = Inbox()
    server = Controller(inbox, hostname="127.0.0.1", port=port)
    server.start()
    try:
        deliver()
    finally:
        server.stop()

    assert response.status_code == 302
    assert "mail: degraded (1 deferred)" in waiting
    (email,) = inbox.messages
    assert email["To"] == "maren@example.com"
    assert email["Subject"] == "Comment waiting: Ana on “Hip reset”"
    assert "Is it safe?" in email.get_content()
    assert not Message.objects.exists()
    assert Client().get("/healthz").content.decode().endswith("mail: ok\n")


@pytest.fixture
def refusing_mail_queue():
    """The database refuses new mail (a trigger), as a full disk might."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "CREATE FUNCTION refuse_mail() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'mail queue unavailable'; END $$"
            )
            cursor.execute(
                "CREATE TRIGGER refuse_mail BEFORE INSERT ON mailer_message "
                "FOR EACH ROW EXECUTE FUNCTION refuse_mail()"
            )
        else:
            cursor.execute(
                "CREATE TRIGGER refuse_mail BEFORE INSERT ON mailer_message "
                "BEGIN SELECT RAISE(ABORT, 'mail queue unavailable'); END"
            )
    # Gone with the test's transaction.


def test_a_mail_queue_failure_is_logged_and_the_comment_still_posts(
    settings, caplog, refusing_mail_queue
):
    post = make_post()

    with caplog.at_level(logging.ERROR, logger="comments.notifications"):
        response = post_a_held_comment(settings, post)

    assert response.status_code == 302
    assert Comment.objects.get().status == "pending"
    assert "Could not queue moderators_mail" in caplog.text
    assert not Message.objects.exists()
