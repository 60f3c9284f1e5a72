"""Moderating a comment from the moderators' email, delivered by a real SMTP server."""

import re
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User
from django.core import signing
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from comments.models import Comment
from comments.notifications import MODERATE_SALT, moderation_token, notify_all
from tests.factories import make_comment, make_post
from tests.test_notifications import deliver

pytestmark = pytest.mark.django_db
SITE = "https://align.example"
LINK = re.compile(r"^(Approve|Mark as spam|Remove): https://align\.example(/\S+)", re.M)


@pytest.fixture
def inbox(settings, smtp_inbox):
    settings.MODERATOR_EMAILS = ["Maren@example.com"]
    return smtp_inbox


@pytest.fixture
def maren():
    return User.objects.create_user("maren", "maren@example.com", is_staff=True)


def subject(email):
    return str(email["Subject"]).strip()


def links_in(email):
    return dict(LINK.findall(email.get_content()))


def page(client, path):
    response = client.get(path)
    return response, response.content.decode()


def press(client, path):
    """The page's one button, pressed as a browser does: with the page's CSRF token."""
    html = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return client.post(path, {"csrfmiddlewaretoken": token})


def test_approve_from_the_held_comment_email(inbox, maren):
    comment = make_comment(make_post(title="Hip reset"), status="pending", body="Is it safe?")
    deliver()
    (email,) = inbox.messages
    links = links_in(email)
    assert subject(email).startswith("Comment waiting:")
    assert list(links) == ["Approve", "Mark as spam", "Remove"]

    browser = Client(enforce_csrf_checks=True)
    response, html = page(browser, links["Approve"])
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert "Is it safe?" in html
    assert html.count("<form") == 1 and html.count("<button") == 1
    assert '<button type="submit">Approve</button>' in html
    comment.refresh_from_db()
    assert comment.status == "pending" and not LogEntry.objects.exists()

    response = press(browser, links["Approve"])
    assert response.status_code == 200
    assert "Done: the comment is approved" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "approved"
    (entry,) = LogEntry.objects.all()
    assert (entry.user, entry.object_id) == (maren, str(comment.pk))
    assert entry.change_message == "Approved (was Pending)."

    # A click on the Remove link, and a POST with the browser's CSRF token: no button to press.
    token = browser.cookies["csrftoken"].value
    for response in (
        browser.get(links["Remove"]),
        browser.post(links["Remove"], {"csrfmiddlewaretoken": token}),
    ):
        html = response.content.decode()
        assert response.status_code == 200
        assert "This comment is approved" in html and "changes nothing" in html
        assert "<form" not in html
    comment.refresh_from_db()
    assert comment.status == "approved" and LogEntry.objects.count() == 1


def test_a_post_without_the_pages_token_changes_nothing(maren):
    comment = make_comment(make_post(), status="pending")
    path = f"/comments/moderate/{moderation_token(comment, 'spam')}/"

    response = Client(enforce_csrf_checks=True).post(path)

    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == "pending"


class EightDaysAgo(signing.TimestampSigner):
    """Signs as the site did eight days ago: a link from an old email."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


def test_an_expired_link_changes_nothing(maren):
    comment = make_comment(make_post(), status="pending")
    old = EightDaysAgo(salt=MODERATE_SALT).sign_object([comment.pk, "approve", "pending"])
    path = f"/comments/moderate/{old}/"

    for response in (Client().get(path), Client().post(path)):
        assert response.status_code == 410
        assert "work for 7 days" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "pending" and not LogEntry.objects.exists()


def test_a_fresh_link_works(settings, maren):
    comment = make_comment(make_post(), status="pending")
    settings.MODERATOR_EMAILS = ["maren@example.com"]
    recent = signing.TimestampSigner(salt=MODERATE_SALT).sign_object(
        [comment.pk, "remove", "pending"]
    )
    assert Client().post(f"/comments/moderate/{recent}/").status_code == 200
    comment.refresh_from_db()
    assert comment.status == "removed"


def test_forged_links_get_a_plain_400_page(maren):
    comment = make_comment(make_post(), status="pending")
    token = moderation_token(comment, "approve")
    other_salt = signing.dumps([comment.pk, "approve", "pending"], salt="comments.unsubscribe")
    unknown_action = signing.dumps([comment.pk, "delete", "pending"], salt=MODERATE_SALT)
    for forged in (token[:-2] + "xx", other_salt, unknown_action, "nonsense", "a" * 5000):
        for response in (
            Client().get(f"/comments/moderate/{forged}/"),
            Client().post(f"/comments/moderate/{forged}/"),
        ):
            assert response.status_code == 400
            assert "This link is not valid" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_a_deleted_comments_link_says_so():
    comment = make_comment(make_post(), status="pending")
    path = f"/comments/moderate/{moderation_token(comment, 'spam')}/"
    Comment.objects.filter(pk=comment.pk).delete()

    response = Client().post(path)

    assert response.status_code == 410
    assert "This comment is gone" in response.content.decode()


def test_without_a_moderator_account_the_first_superuser_is_named(settings):
    settings.MODERATOR_EMAILS = ["desk@example.com"]
    User.objects.create_user("reader", "desk@example.com")  # not staff
    boss = User.objects.create_superuser("boss", "boss@example.com")
    User.objects.create_superuser("later", "later@example.com")
    comment = make_comment(make_post(), status="pending")

    Client().post(f"/comments/moderate/{moderation_token(comment, 'spam')}/")

    comment.refresh_from_db()
    assert comment.status == "spam"
    assert LogEntry.objects.get().user == boss


def test_with_no_account_to_name_nothing_changes(settings):
    comment = make_comment(make_post(), status="pending")

    response = Client().post(f"/comments/moderate/{moderation_token(comment, 'spam')}/")

    assert response.status_code == 409
    comment.refresh_from_db()
    assert comment.status == "pending"


def test_moderator_notify_all_emails_published_comments_with_links(inbox, settings, maren):
    settings.MODERATOR_NOTIFY = "all"
    comment = make_comment(make_post(title="Hip reset"), status="approved", author_name="Ana")
    deliver()

    (email,) = inbox.messages
    assert subject(email) == "New comment: Ana on “Hip reset”"
    links = links_in(email)
    assert list(links) == ["Mark as spam", "Remove"]
    assert press(Client(enforce_csrf_checks=True), links["Remove"]).status_code == 200
    comment.refresh_from_db()
    assert comment.status == "removed"


def test_by_default_only_held_comments_are_emailed(inbox, maren):
    make_comment(make_post(), status="approved")
    make_comment(make_post(), status="pending")
    deliver()

    assert [subject(email).split(":")[0] for email in inbox.messages] == ["Comment waiting"]


def test_moderator_notify_is_held_or_all(settings, site_settings):
    assert site_settings()["MODERATOR_NOTIFY"] == "held"
    assert site_settings(MODERATOR_NOTIFY=" All ")["MODERATOR_NOTIFY"] == "all"
    settings.MODERATOR_NOTIFY = site_settings(MODERATOR_NOTIFY="sometimes")["MODERATOR_NOTIFY"]
    with pytest.raises(ImproperlyConfigured, match="MODERATOR_NOTIFY='sometimes': give held"):
        notify_all()
