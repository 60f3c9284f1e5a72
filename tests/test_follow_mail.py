"""Following by email: what followers of a conversation and subscribers to new posts
receive, delivered by a real SMTP server through the mail queue."""

import io
import re
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from blog.models import Post
from comments import services as comment_services
from comments.forms import issued_now
from comments.models import Comment
from subscriptions.management.commands.run_mailer import mail_round
from subscriptions.models import Announcement, Subscriber, Subscription
from tests.factories import make_comment, make_post
from tests.test_notifications import deliver

pytestmark = pytest.mark.django_db
SITE = "https://align.example"


def follow(email, thread=None, confirmed=True, confirmed_at=None):
    """`email` following the conversation `thread`, or new posts without one."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    when = confirmed_at or timezone.now() - timedelta(hours=1)
    return Subscription.objects.create(
        subscriber=subscriber,
        kind="thread" if thread else "posts",
        thread=thread,
        confirmed_at=when if confirmed else None,
    )


def run():
    """One round of send_follow_mail, then the queue sent; returns what it printed."""
    out = io.StringIO()
    call_command("send_follow_mail", stdout=out)
    deliver()
    return out.getvalue()


def recipients(inbox):
    return [str(message["To"]) for message in inbox.messages]


def text(message):
    return message.get_body(("plain",)).get_content()


def html(message):
    return message.get_body(("html",)).get_content()


def stop_link(message):
    """The https link of the List-Unsubscribe header, as a path on the site."""
    link = re.search(r"<(https://[^>]+)>", str(message["List-Unsubscribe"])).group(1)
    return urlsplit(link).path


@pytest.fixture
def conversation():
    post = make_post(title="Hip reset")
    root = make_comment(
        post,
        author_name="Ana",
        author_email="ana@example.com",
        body="Day one.",
        created_at=timezone.now() - timedelta(hours=2),  # before anyone followed
    )
    return post, root


def test_a_new_comment_goes_at_once_to_the_followers_but_not_its_writer(smtp_inbox, conversation):
    post, root = conversation
    follow("ana@example.com", root)
    follow("bo@example.com", root)
    reply = make_comment(
        post, parent=root, author_name="Bo", author_email="Bo@Example.com", body="Try it lying."
    )

    assert "Queued 1 new-comment email(s)" in run()

    (email,) = smtp_inbox.messages
    assert recipients(smtp_inbox) == ["ana@example.com"]
    assert str(email["Subject"]) == "New comment by Bo on “Hip reset”"
    assert "Try it lying." in text(email)
    assert f"{SITE}/comments/{reply.pk}/" in text(email)
    assert f'href="{SITE}/comments/{reply.pk}/"' in html(email)
    unsubscribe = str(email["List-Unsubscribe"])
    assert re.search(r"<https://align\.example/follow/stop/[^>]+>", unsubscribe)
    assert "<mailto:" in unsubscribe
    assert str(email["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    assert run() and len(smtp_inbox.messages) == 1  # told once, however often it runs


def test_more_comments_within_the_window_come_together_in_one_digest(
    smtp_inbox, conversation, settings
):
    settings.FOLLOW_DIGEST_MINUTES = 15
    post, root = conversation
    subscription = follow("ana@example.com", root)
    make_comment(post, parent=root, author_name="Bo", body="First answer.")
    run()
    assert len(smtp_inbox.messages) == 1
    make_comment(post, parent=root, author_name="Cy", body="Second answer.")
    make_comment(post, parent=root, author_name="Di", body="Third answer.")

    run()
    assert len(smtp_inbox.messages) == 1  # the window is still open

    Subscription.objects.filter(pk=subscription.pk).update(
        digest_due_at=timezone.now() - timedelta(seconds=1)
    )
    assert "1 digest(s)" in run()
    digest = smtp_inbox.messages[1]
    assert str(digest["Subject"]) == "2 new comments on “Hip reset”"
    body = text(digest)
    assert body.index("Second answer.") < body.index("Third answer.")
    assert "First answer." not in body
    assert "Third answer." in html(digest)
    assert str(digest["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    run()
    assert len(smtp_inbox.messages) == 2
    # The window ended: the next comment goes at once again.
    make_comment(post, parent=root, author_name="Ed", body="Fourth answer.")
    run()
    assert "Fourth answer." in text(smtp_inbox.messages[2])


def test_an_unconfirmed_follower_gets_nothing(smtp_inbox, conversation):
    post, root = conversation
    follow("ana@example.com", root, confirmed=False)
    make_comment(post, parent=root)
    run()
    assert smtp_inbox.messages == []


def test_a_held_comment_is_told_once_approved(smtp_inbox, conversation):
    post, root = conversation
    follow("ana@example.com", root)
    held = make_comment(post, parent=root, status="pending", body="Waiting for a look.")
    run()
    assert smtp_inbox.messages == []

    comment_services.set_status(Comment.objects.filter(pk=held.pk), "approved")
    run()
    (email,) = smtp_inbox.messages
    assert "Waiting for a look." in text(email)


def test_comments_older_than_the_follow_are_never_told(smtp_inbox, conversation):
    post, root = conversation
    make_comment(post, parent=root, body="Before anyone followed.")
    follow("bo@example.com", root, confirmed_at=timezone.now())
    run()
    assert smtp_inbox.messages == []


def test_one_click_stops_the_emails(smtp_inbox, conversation):
    post, root = conversation
    follow("ana@example.com", root)
    make_comment(post, parent=root)
    run()
    (email,) = smtp_inbox.messages

    response = Client().post(
        stop_link(email),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert not Subscription.objects.exists()
    make_comment(post, parent=root)
    run()
    assert len(smtp_inbox.messages) == 1


def test_a_new_post_goes_to_each_confirmed_subscriber(smtp_inbox):
    follow("ana@example.com")
    follow("bo@example.com")
    follow("cy@example.com", confirmed=False)
    post = make_post(
        title="Breathing into the back ribs",
        summary="Where the breath goes when you sit.",
        published_at=timezone.now(),
        lead_image=True,
        lead_image_alt="A woman breathing on a mat",
    )

    assert "2 new-post email(s) for 1 post(s)" in run()

    assert sorted(recipients(smtp_inbox)) == ["ana@example.com", "bo@example.com"]
    email = smtp_inbox.messages[0]
    assert str(email["Subject"]) == "Breathing into the back ribs"
    link = SITE + post.get_absolute_url()
    picture = SITE + post.lead_picture().src
    assert "Where the breath goes when you sit." in text(email)
    assert link in text(email) and picture in text(email)
    assert f'<img src="{picture}" alt="A woman breathing on a mat"' in html(email)
    assert f'href="{link}"' in html(email)
    assert str(email["List-Unsubscribe-Post"]) == "List-Unsubscribe=One-Click"
    run()
    assert len(smtp_inbox.messages) == 2


def test_a_post_without_a_picture_has_no_image(smtp_inbox):
    follow("ana@example.com")
    make_post(published_at=timezone.now())
    run()
    (email,) = smtp_inbox.messages
    assert "<img" not in html(email)
    assert "Picture:" not in text(email)


def test_a_scheduled_post_goes_once_its_time_has_come(smtp_inbox):
    follow("ana@example.com")
    post = make_post(title="Next week", published_at=timezone.now() + timedelta(days=7))
    run()
    assert smtp_inbox.messages == []

    Post.objects.filter(pk=post.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    run()
    (email,) = smtp_inbox.messages
    assert str(email["Subject"]) == "Next week"


def test_posts_published_before_the_confirmation_are_never_sent(smtp_inbox):
    make_post(title="Imported long ago", published_at=timezone.now() - timedelta(days=400))
    follow("ana@example.com")
    make_post(title="Before Bo", published_at=timezone.now() - timedelta(minutes=30))
    follow("bo@example.com", confirmed_at=timezone.now() - timedelta(minutes=10))
    run()
    assert recipients(smtp_inbox) == ["ana@example.com"]
    assert str(smtp_inbox.messages[0]["Subject"]) == "Before Bo"


def test_an_interrupted_announcement_goes_on_where_it_stopped(smtp_inbox):
    follow("ana@example.com")
    second = follow("bo@example.com")
    follow("cy@example.com")
    post = make_post(published_at=timezone.now())
    Announcement.objects.create(post=post, through=second.pk)

    run()
    run()

    assert recipients(smtp_inbox) == ["cy@example.com"]
    assert Announcement.objects.get(post=post).finished_at is not None


def test_following_from_the_comment_form_sends_a_confirmation(smtp_inbox, settings):
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    post = make_post(title="Hip reset")
    response = Client().post(
        f"/comments/post/{post.pk}/",
        {
            "name": "Ana",
            "email": "ana@example.com",
            "body": "Does this help with sitting?",
            "issued": issued_now(),
            "follow_thread": "on",
        },
    )
    assert response.status_code == 302

    run()

    (email,) = [m for m in smtp_inbox.messages if str(m["To"]) == "ana@example.com"]
    assert "confirm" in str(email["Subject"]).lower()
    assert f"{SITE}/follow/confirm/" in text(email)
    subscription = Subscription.objects.get()
    assert subscription.thread.body == "Does this help with sitting?"
    assert subscription.confirmed_at is None


def test_each_round_of_the_mailer_sends_follow_mail(smtp_inbox, conversation):
    post, root = conversation
    follow("ana@example.com", root)
    make_comment(post, parent=root, body="Sent by the mailer's round.")

    mail_round()

    (email,) = smtp_inbox.messages
    assert "Sent by the mailer's round." in text(email)


def test_odd_characters_read_as_typed_in_both_parts(smtp_inbox):
    post = make_post(title="Hips & <knees>")
    root = make_comment(post, created_at=timezone.now() - timedelta(hours=2))
    follow("ana@example.com", root)
    make_comment(post, parent=root, author_name="Zoë & “Bo”", body="Is 5 < 10 & fine?")
    run()
    (email,) = smtp_inbox.messages
    assert "Zoë & “Bo” wrote a new comment" in text(email)
    assert "on “Hips & <knees>”" in text(email) and "Is 5 < 10 & fine?" in text(email)
    assert "Hips &amp; &lt;knees&gt;" in html(email) and "<script" not in html(email)
    assert "Stop following it: https://align.example/follow/stop/" in text(email)
