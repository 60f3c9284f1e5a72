"""New posts by email, the whole way: a reader asks in the footer, confirms from the email a
real SMTP server received, the therapist publishes a post in the admin, the reader gets it
and stops it with the email's one link and one button."""

import re

import pytest
from django.contrib.auth.models import Group, User
from django.core.management import call_command
from playwright.sync_api import expect

from subscriptions.models import Subscription
from tests.factories import make_author, make_post
from tests.test_notifications import deliver

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SITE = "https://align.example"


@pytest.fixture
def maren():
    user = User.objects.create_user(
        "maren", "maren@example.com", "wasatch-tea-thermos", is_staff=True
    )
    user.groups.add(Group.objects.get(name="Therapist"))
    make_author(name="Maren Holt", slug="maren-holt", user=user)
    return user


def one_email(inbox):
    deliver()
    (email,) = inbox.messages
    inbox.messages.clear()
    return email


def on_live_server(live_server, link):
    """An email's link (on SITE_URL) opened on the test's server."""
    assert link.startswith(SITE + "/follow/")
    return live_server.url + link.removeprefix(SITE)


def test_follow_new_posts_confirm_receive_and_stop(
    live_server, page, browser, axe, csp_violations, smtp_inbox, maren
):
    post = make_post(title="Ten-minute hip reset")
    page.goto(live_server.url + post.get_absolute_url())
    footer = page.locator("#follow-posts")
    footer.get_by_label("New posts by email").fill("wes@example.com")
    footer.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_role("heading", name="Please confirm in your inbox")).to_be_visible()
    assert axe(page) == []

    email = one_email(smtp_inbox)
    assert email["To"] == "wes@example.com"
    link = re.search(r"https://\S+/follow/confirm/\S+/", email.get_body(("plain",)).get_content())
    page.goto(on_live_server(live_server, link.group(0)))
    expect(page.get_by_role("heading", name="Confirm your emails")).to_be_visible()
    assert not Subscription.objects.confirmed().exists()  # opening the link is not enough
    assert axe(page) == []
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", name="Thank you, it’s confirmed")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("link", name="See or stop what this address follows").click()
    expect(page.get_by_role("heading", name="Emails to wes@example.com")).to_be_visible()
    expect(page.locator(".follow-list")).to_contain_text("new posts")
    assert axe(page) == []

    admin = browser.new_context().new_page()
    admin.goto(live_server.url + "/admin/login/?next=/admin/")
    admin.get_by_label("Username").fill("maren")
    admin.get_by_label("Password").fill("wasatch-tea-thermos")
    admin.get_by_role("button", name="Log in").click()
    admin.wait_for_url(live_server.url + "/admin/")
    admin.goto(live_server.url + "/admin/blog/post/add/")
    admin.get_by_label("Title:").fill("Breathing into the back ribs")
    admin.get_by_label("Summary:").fill("A calm minute for a stiff upper back.")
    admin.get_by_label("Body:").fill("Lie on your side and breathe slowly.")
    admin.get_by_label("Status:").select_option(label="Published")
    admin.get_by_role("button", name="Save", exact=True).click()
    expect(admin.locator(".messagelist")).to_contain_text("was added successfully")

    call_command("send_follow_mail")
    email = one_email(smtp_inbox)
    assert email["To"] == "wes@example.com"
    assert "Breathing into the back ribs" in email["Subject"]
    assert "Breathing into the back ribs" in email.get_body(("plain",)).get_content()
    assert "Breathing into the back ribs" in email.get_body(("html",)).get_content()
    assert email["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    stop = re.search(r"<(https://[^>]+)>", email["List-Unsubscribe"]).group(1)

    page.goto(on_live_server(live_server, stop))
    expect(page.get_by_role("heading", name="Stop these emails?")).to_be_visible()
    assert axe(page) == []
    page.get_by_role("button", name="Stop these emails").click()
    expect(page.get_by_role("heading", name="Stopped")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("wes@example.com will get no more emails")
    assert axe(page) == []
    assert not Subscription.objects.exists()
    assert csp_violations == []
