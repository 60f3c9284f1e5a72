"""Following by email, as a reader meets it: the footer's form, the one confirmation email
(sent through a real SMTP server), its one-button page, the address's page, stopping with
one click, and every bad link or address answered with a plain page."""

import re
import time
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from subscriptions import links
from subscriptions.models import Subscriber, Subscription
from tests.factories import make_comment, make_post
from tests.test_notifications import deliver

pytestmark = pytest.mark.django_db

CONFIRM_LINK = re.compile(r"https://align\.example(/follow/confirm/[^/\s]+/)")
ADDRESS_LINK = re.compile(r"https://align\.example(/follow/address/[^/\s]+/)")


def reader():
    """A browser: CSRF checked as in production."""
    return Client(enforce_csrf_checks=True)


def text(response):
    return BeautifulSoup(response.content.decode(), "html.parser").get_text(" ", strip=True)


def press(client, path, data=None):
    """The page's form sent as a browser sends it: with the page's CSRF token."""
    html = client.get(path).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    shown = re.findall(r'type="hidden" name="subscription" value="(\d+)"', html)
    return client.post(path, {"csrfmiddlewaretoken": token, "subscription": shown, **(data or {})})


def ask(email, client=None):
    return (client or reader()).post("/follow/", {"email": email})


def confirmation(inbox):
    """The one email just delivered: (its plain text, its HTML, the confirm link's path)."""
    deliver()
    (email,) = inbox.messages
    inbox.messages.clear()
    plain = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    return plain, html, CONFIRM_LINK.search(plain).group(1)


def follows(email, **filters):
    return Subscription.objects.filter(subscriber__email=email, **filters)


def test_the_footer_form_is_on_every_page_the_same_for_everyone(client):
    post = make_post(title="Hip reset")
    for path in ("/", post.get_absolute_url()):
        soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
        form = soup.select_one("footer form#follow-posts")
        assert form["method"] == "post" and form["action"] == "/follow/"
        assert [field["name"] for field in form.select("input, select, textarea")] == ["email"]
        field = form.select_one("input")
        assert field["type"] == "email" and field["autocomplete"] == "email"
        assert field.has_attr("required")
        assert form.select_one(f"label[for={field['id']}]").get_text() == "New posts by email"
        assert form.select_one("button").get_text() == "Subscribe"
        assert "csrfmiddlewaretoken" not in str(form)


def test_the_comment_form_offers_to_follow_the_conversation(client):
    post = make_post()
    soup = BeautifulSoup(client.get(post.get_absolute_url()).content.decode(), "html.parser")
    box = soup.select_one("input[name=follow_thread]")
    assert box["type"] == "checkbox"
    label = soup.select_one(f"label[for={box['id']}]").get_text()
    assert label.startswith("Email me new comments in this conversation")


def test_subscribe_confirm_with_one_button_and_only_once(smtp_inbox):
    response = ask("Ana@Example.com")
    assert response.status_code == 200
    assert "we have sent it an email with a link to confirm" in text(response)
    assert "ana@example.com" in text(response)

    deliver()
    (email,) = smtp_inbox.messages
    assert email["To"] == "ana@example.com"
    assert "confirm" in email["Subject"].lower()
    plain = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    for part in (plain, html):
        assert "new posts" in part
        assert "works once, for 7 days" in part
        assert "we send nothing else" in part
        assert CONFIRM_LINK.search(part) and ADDRESS_LINK.search(part)
    assert 'href="https://align.example/follow/confirm/' in html
    confirm_path = CONFIRM_LINK.search(plain).group(1)

    browser = reader()
    opened = browser.get(confirm_path)  # as a link scanner would
    assert opened.status_code == 200
    assert "Press Confirm, and ana@example.com will get emails about: new posts" in text(opened)
    assert follows("ana@example.com", confirmed_at__isnull=True).count() == 1

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', opened.content.decode())
    shown = re.findall(r'name="subscription" value="(\d+)"', opened.content.decode())
    button = {"csrfmiddlewaretoken": token.group(1), "subscription": shown}
    done = browser.post(confirm_path, button)
    assert done.status_code == 200
    assert "now gets emails about: new posts" in text(done)
    assert follows("ana@example.com", confirmed_at__isnull=False).count() == 1
    address = BeautifulSoup(done.content.decode(), "html.parser").find(
        "a", string="See or stop what this address follows"
    )
    assert address["href"].startswith("/follow/address/")
    assert "Emails to ana@example.com" in text(browser.get(address["href"]))

    again = browser.post(confirm_path, button)  # pressed again, or in a second tab
    assert again.status_code == 400
    assert "This link has already been used" in text(again)
    # Asked again: the same page as a new address gets, and no email.
    assert "Please confirm in your inbox" in text(ask("ana@example.com"))
    deliver()
    assert len(smtp_inbox.messages) == 1


def test_one_confirmation_an_hour_and_a_new_one_replaces_the_old(smtp_inbox):
    ask("ben@example.com")
    *_, first = confirmation(smtp_inbox)

    waiting = text(ask("ben@example.com"))
    assert "less than an hour ago" in waiting and "at most one an hour" in waiting
    assert "it confirms this too" in waiting
    deliver()
    assert smtp_inbox.messages == []

    subscriber = Subscriber.objects.get(email="ben@example.com")
    subscriber.confirmation_sent_at -= timedelta(minutes=61)
    subscriber.save()
    assert "Please confirm in your inbox" in text(ask("ben@example.com"))
    *_, second = confirmation(smtp_inbox)

    assert second != first
    assert "already been used" in text(reader().get(first))
    assert press(reader(), second).status_code == 200
    assert follows("ben@example.com", confirmed_at__isnull=False).count() == 1


def test_an_unconfirmed_address_is_sent_nothing_more(smtp_inbox):
    ask("cleo@example.com")
    confirmation(smtp_inbox)
    post = make_post(title="New one")
    thread = make_comment(post, author_email="cleo@example.com", follow_thread=True)
    make_comment(post, parent=thread, body="A reply")
    ask("cleo@example.com")
    call_command("send_follow_mail")
    deliver()
    assert smtp_inbox.messages == []
    assert not follows("cleo@example.com", confirmed_at__isnull=False).exists()


def test_the_address_page_stops_one_or_all(smtp_inbox):
    post = make_post(title="Hip reset")
    thread = make_comment(post, author_name="Wes")
    subscriber = Subscriber.objects.create(email="dee@example.com")
    posts = subscriber.subscriptions.create(kind="posts", confirmed_at=subscriber.created_at)
    subscriber.subscriptions.create(kind="thread", thread=thread)
    path = links.address_path(subscriber)
    browser = reader()

    page = text(browser.get(path))
    assert "new posts on ALIGN integration|movement Confirmed" in page
    assert "the conversation on “Hip reset” begun by Wes Awaiting confirmation since" in page
    soup = BeautifulSoup(browser.get(path).content.decode(), "html.parser")
    assert soup.find("a", string="“Hip reset”")["href"] == thread.get_absolute_url()

    stopped = press(browser, path, {"subscription": str(posts.pk)})
    assert "Stopped: 1 subscription" in text(stopped)
    assert list(subscriber.subscriptions.values_list("kind", flat=True)) == ["thread"]

    everything = press(browser, path, {"all": "1"})
    assert "This address follows nothing now" in text(everything)
    assert not Subscriber.objects.exists()
    gone = browser.get(path)
    assert gone.status_code == 404 and "This address follows nothing" in text(gone)


def test_garbage_ids_on_the_address_page_stop_nothing():
    subscriber = Subscriber.objects.create(email="eve@example.com")
    subscriber.subscriptions.create(kind="posts")
    path = links.address_path(subscriber)
    browser = reader()
    for value in ("x", "1.5", "-1", "²", "9" * 40, "", "1; drop"):
        response = press(browser, path, {"subscription": value})
        assert response.status_code == 200
    assert subscriber.subscriptions.count() == 1


def test_one_click_stop_answers_200_even_when_already_stopped():
    subscriber = Subscriber.objects.create(email="fay@example.com")
    subscription = subscriber.subscriptions.create(kind="posts", confirmed_at=subscriber.created_at)
    path = reverse("follow_stop", args=[links.stop_token(subscription)])

    page = reader().get(path)
    assert "Stop these emails?" in text(page) and Subscription.objects.exists()
    for _ in range(2):
        response = reader().post(
            path,
            "List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        assert not Subscription.objects.exists()
    assert "These emails are stopped" in text(reader().get(path))


class EightDaysAgo(signing.TimestampSigner):
    """Signs as the site did eight days ago: a link from an old email."""

    def timestamp(self):
        return signing.b62_encode(int(time.time()) - 8 * 24 * 3600)


def test_an_expired_confirmation_link_confirms_nothing():
    subscriber = Subscriber.objects.create(email="gus@example.com", confirm_nonce="n0nce")
    subscriber.subscriptions.create(kind="posts")
    old = EightDaysAgo(salt=links.CONFIRM_SALT).sign_object([subscriber.pk, "n0nce"])
    for response in (
        reader().get(f"/follow/confirm/{old}/"),
        Client().post(f"/follow/confirm/{old}/"),
    ):
        assert response.status_code == 400
        assert "This link has expired" in text(response)
        assert "ask for new posts by email again" in text(response)
    assert not Subscription.objects.confirmed().exists()


def test_forged_links_and_bad_addresses_get_plain_pages():
    subscriber = Subscriber.objects.create(email="hal@example.com", confirm_nonce="n0nce")
    subscription = subscriber.subscriptions.create(kind="posts")
    good = signing.dumps([subscriber.pk, "n0nce"], salt=links.CONFIRM_SALT)
    stop = links.stop_token(subscription)  # good for a stop link only
    forged = [
        "x",
        good[:-2] + "xx",
        "a" * 5000,
        "é:ü",
        "%00",
        signing.dumps([subscriber.pk, "n0nce"], salt=links.STOP_SALT),
        signing.dumps(subscriber.pk, salt=links.CONFIRM_SALT),
        signing.dumps(["a", "b", "c"], salt=links.ADDRESS_SALT),
        signing.dumps([subscription.pk], salt=links.STOP_SALT),
        stop,
    ]
    for token in forged:
        for kind in ("confirm", "address", "stop"):
            if token == stop and kind == "stop":
                continue
            for response in (
                Client().get(f"/follow/{kind}/{token}/"),
                Client().post(f"/follow/{kind}/{token}/"),
            ):
                assert response.status_code == 400, (kind, token)
                assert "This link is not valid" in text(response)
    assert Subscription.objects.pending().count() == 1

    for email in ("not an address", "a" * 250 + "@x.org", "x\x07@example.com", ""):
        response = ask(email)
        assert response.status_code == 400
        assert BeautifulSoup(response.content.decode(), "html.parser").select(".errorlist li")
    assert Subscriber.objects.count() == 1
    assert reader().get("/follow/").status_code == 200


def test_a_deleted_subscribers_links_say_what_happened():
    subscriber = Subscriber.objects.create(email="ida@example.com", confirm_nonce="n0nce")
    subscriber.subscriptions.create(kind="posts")
    token = signing.dumps([subscriber.pk, "n0nce"], salt=links.CONFIRM_SALT)
    address = links.address_path(subscriber)
    subscriber.delete()

    assert reader().get(address).status_code == 404
    response = reader().get(f"/follow/confirm/{token}/")
    assert response.status_code == 400 and "already been used" in text(response)


def test_the_follow_pages_are_valid_html(smtp_inbox, html_errors):
    post = make_post(title="Hips & spine")
    thread = make_comment(post, author_name="Wes")
    subscriber = Subscriber.objects.create(email="jo@example.com", confirm_nonce="n0nce")
    subscriber.subscriptions.create(kind="posts", confirmed_at=subscriber.created_at)
    subscription = subscriber.subscriptions.create(kind="thread", thread=thread)
    confirm = f"/follow/confirm/{signing.dumps([subscriber.pk, 'n0nce'], salt=links.CONFIRM_SALT)}/"
    stop = reverse("follow_stop", args=[links.stop_token(subscription)])
    client = Client()
    pages = {
        "home": client.get("/"),
        "follow": client.get("/follow/"),
        "follow-error": client.post("/follow/", {"email": "nope"}),
        "asked": client.post("/follow/", {"email": "kim@example.com"}),
        "waiting": client.post("/follow/", {"email": "kim@example.com"}),
        "confirm": client.get(confirm),
        "confirmed": client.post(confirm),
        "used": client.post(confirm),
        "address": client.get(links.address_path(subscriber)),
        "stop": client.get(stop),
        "stopped": client.post(stop),
        "forged": client.get("/follow/stop/x/"),
    }
    _, html, _ = confirmation(smtp_inbox)
    pages = {name: response.content.decode() for name, response in pages.items()}
    assert html_errors({**pages, "email": html}) == []
