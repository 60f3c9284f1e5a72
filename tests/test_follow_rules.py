"""Following by email at its edges: addresses that grow when lower-cased, asking again
just after confirming, a link sent again late in a request's life, a digest that falls due
as a new comment comes, and a Confirm pressed after more was asked for."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from subscriptions import services
from subscriptions.models import Noticed, Subscriber, Subscription, Waiting
from subscriptions.sending import send_follow_mail
from tests.factories import make_comment, make_post
from tests.test_comment_views import form_data
from tests.test_follow_mail import follow, run
from tests.test_follow_pages import ask, confirmation, press, reader, text

pytestmark = pytest.mark.django_db
# 254 characters as typed; "İ" lower-cases to two characters, so 314 once lower-cased.
GROWING = "İ" * 60 + "@" + "a" * 60 + "." + "a" * 60 + "." + "a" * 60 + "." + "b" * 6 + ".com"


def test_an_address_too_long_once_lower_cased_is_refused_with_a_message():
    assert len(GROWING) == 254 and len(GROWING.lower()) > 254
    response = ask(GROWING)
    assert response.status_code == 400
    assert "at most 254 characters" in text(response)
    assert not Subscriber.objects.exists()


def test_the_comment_form_refuses_it_too(client):
    post = make_post()
    form = form_data(email=GROWING, follow_thread="on")
    response = client.post(f"/comments/post/{post.pk}/", form)
    assert response.status_code == 400
    assert "at most 254 characters" in response.content.decode()
    assert not post.comments.exists()


def test_asking_for_more_just_after_confirming_gets_a_confirmation_once_the_hour_is_up(
    smtp_inbox,
):
    ask("ana@example.com")
    *_, link = confirmation(smtp_inbox)
    press(reader(), link)
    thread = make_comment(make_post(), author_email="ana@example.com", follow_thread=True)

    send_follow_mail()  # the comment's request: within the hour, so no email yet
    run()
    assert smtp_inbox.messages == []
    pending = Subscription.objects.pending().get()
    assert pending.thread == thread

    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=61))
    send_follow_mail()
    *_, link = confirmation(smtp_inbox)
    press(reader(), link)
    assert Subscription.objects.confirmed().count() == 2


def test_a_request_asked_again_lives_as_long_as_its_newest_link():
    services.ask("bo@example.com", Subscription.Kind.POSTS)
    Subscription.objects.update(created_at=timezone.now() - timedelta(days=8))
    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(days=1))
    services.forget_unconfirmed()
    assert Subscription.objects.pending().count() == 1

    Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(days=8))
    services.forget_unconfirmed()
    assert not Subscriber.objects.exists()


def test_a_digest_due_goes_out_before_a_new_comment_overtakes_it(smtp_inbox):
    post = make_post(title="Hip reset")
    root = make_comment(post, created_at=timezone.now() - timedelta(hours=2))
    subscription = follow("ana@example.com", root)
    waiting = make_comment(post, parent=root, body="Collected for the digest.")
    Waiting.objects.create(subscription=subscription, comment=waiting)
    Noticed.objects.create(comment=waiting)
    Subscription.objects.update(digest_due_at=timezone.now() - timedelta(minutes=1))
    make_comment(post, parent=root, body="Just in.")

    run()
    subjects = [str(message["Subject"]) for message in smtp_inbox.messages]
    assert subjects[0] == "1 new comment on “Hip reset”"
    assert "Collected for the digest." in smtp_inbox.messages[0].get_body(("plain",)).get_content()
    assert (
        len(subjects) == 2
        and "Just in." in smtp_inbox.messages[1].get_body(("plain",)).get_content()
    )


def test_confirm_confirms_what_its_page_showed(smtp_inbox):
    ask("cy@example.com")
    *_, link = confirmation(smtp_inbox)
    browser = Client(enforce_csrf_checks=True)
    page = browser.get(link).content.decode()
    root = make_comment(make_post())
    services.ask("cy@example.com", Subscription.Kind.THREAD, root)  # asked after it was shown

    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    shown = re.findall(r'type="hidden" name="subscription" value="(\d+)"', page)
    browser.post(link, {"csrfmiddlewaretoken": token, "subscription": shown})
    assert list(Subscription.objects.confirmed().values_list("kind", flat=True)) == ["posts"]
    assert Subscription.objects.pending().get().thread == root


def test_one_network_address_may_ask_ten_times_an_hour(smtp_inbox):
    for n in range(10):
        assert ask(f"reader{n}@example.com").status_code == 200
    refused = ask("reader10@example.com")
    assert refused.status_code == 429
    assert "many requests from your network in the last hour" in text(refused)
    assert not Subscriber.objects.filter(email="reader10@example.com").exists()

    elsewhere = Client().post(
        "/follow/", {"email": "reader10@example.com"}, REMOTE_ADDR="203.0.113.9"
    )
    assert elsewhere.status_code == 200


def test_without_the_cache_asking_still_works(settings, smtp_inbox):
    # Nothing listens on port 9: the shared cache is down.
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    for n in range(12):
        assert ask(f"reader{n}@example.com").status_code == 200
