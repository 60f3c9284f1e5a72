"""The therapist's side of following by email (subscriptions/admin.py): who follows what,
search, filters, a CSV export, removing one subscription or an address; her group's
powers and the second factor; the erasure action and the privacy notice cover it."""

import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.utils import timezone

from subscriptions.models import Subscriber, Subscription
from tests.factories import make_comment, make_post
from tests.test_privacy import QUEUE, erase
from tests.test_two_factor import PASSWORD, SETUP, grant, password, set_up

pytestmark = pytest.mark.django_db
LIST = "/admin/subscriptions/subscriber/"


def follower(email, posts=True, threads=(), confirmed=True, days_ago=3):
    """An address following new posts and/or the conversations begun by `threads`."""
    asked = timezone.now() - timedelta(days=days_ago)
    subscriber = Subscriber.objects.create(email=email, created_at=asked)
    when = asked + timedelta(minutes=5) if confirmed else None
    if posts:
        Subscription.objects.create(
            subscriber=subscriber, kind="posts", created_at=asked, confirmed_at=when
        )
    for thread in threads:
        Subscription.objects.create(
            subscriber=subscriber, kind="thread", thread=thread, created_at=asked, confirmed_at=when
        )
    return subscriber


@pytest.fixture
def conversations():
    knees = make_post(title="Knees, “clicks” & sore mornings ✨")
    hips = make_post(title="Hip reset")
    return [
        make_comment(knees, author_name="Dana", author_email="dana@example.com"),
        make_comment(hips, author_name="Lee", author_email="lee@example.com"),
    ]


@pytest.fixture
def maren(client, settings):
    """The therapist, signed in with her password and an authenticator app, as production
    asks of her group."""
    settings.ADMIN_REQUIRE_2FA = True
    user = User.objects.create_user("maren", "maren@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Therapist"))
    set_up(client, user)
    return user


def rows(html):
    """The list's rows, each as its text without tags."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [
        " ".join(re.sub(r"<[^>]+>", " ", row).split())
        for row in body.split("</tr>")
        if "<td" in row
    ]


def test_the_list_shows_each_address_what_it_follows_and_whether_it_confirmed(
    admin_client, conversations
):
    follower("ana@example.com", threads=conversations)
    follower("bo@example.com", posts=False, threads=conversations[:1], confirmed=False)

    response = admin_client.get(LIST)

    assert response.status_code == 200
    found = rows(response.content.decode())
    assert len(found) == 2
    assert "ana@example.com New posts; 2 conversations All confirmed" in found[0]
    assert "bo@example.com 1 conversation Awaiting confirmation" in found[1]
    assert "Since" in response.content.decode()


def test_the_therapist_with_her_second_factor_sees_and_exports_but_never_adds(
    client, maren, conversations
):
    subscriber = follower("ana@example.com", threads=conversations)

    html = client.get(LIST).content.decode()
    assert "ana@example.com" in html and "New posts; 2 conversations" in html
    assert "addlink" not in html and f"{LIST}add/" not in html
    assert client.get(f"{LIST}add/").status_code == 403
    page = client.get(f"{LIST}{subscriber.pk}/change/").content.decode()
    assert 'name="email"' not in page  # shown, never editable
    assert "ana@example.com" in page and "Hip reset" in page and "begun by Lee" in page
    assert "Export selected as CSV" in html


def test_the_therapist_group_may_view_and_delete_followers_but_not_add_or_change_them():
    granted = set(
        Group.objects.get(name="Therapist")
        .permissions.filter(content_type__app_label="subscriptions")
        .values_list("codename", flat=True)
    )

    assert granted == {
        "view_subscriber",
        "delete_subscriber",
        "view_subscription",
        "delete_subscription",
    }


def test_staff_who_can_read_followers_addresses_need_two_factors(client, settings):
    settings.ADMIN_REQUIRE_2FA = True
    helper = User.objects.create_user("pip", "pip@example.com", PASSWORD, is_staff=True)
    grant(helper, "subscriptions.view_subscriber")

    assert password(client, helper)["Location"] == SETUP
    assert client.get(LIST)["Location"].startswith("/admin/login/")


def test_search_finds_an_address_or_a_followed_posts_title(admin_client, conversations):
    follower("ana@example.com", threads=conversations)
    follower("bo@example.com", threads=conversations[1:])
    follower("cy@example.org")

    by_address = rows(admin_client.get(LIST, {"q": "example.org"}).content.decode())
    by_title = rows(admin_client.get(LIST, {"q": "clicks"}).content.decode())
    both = rows(admin_client.get(LIST, {"q": "hip reset"}).content.decode())

    assert [row.split()[0] for row in by_address] == ["cy@example.org"]
    assert [row.split()[0] for row in by_title] == ["ana@example.com"]
    assert "New posts; 2 conversations" in by_title[0]  # counted once, whatever matched
    assert [row.split()[0] for row in both] == ["ana@example.com", "bo@example.com"]


def test_filters_by_confirmation_and_by_what_is_followed(admin_client, conversations):
    follower("ana@example.com", posts=False, threads=conversations)
    follower("bo@example.com", confirmed=False)

    def listed(**query):
        return [row.split()[0] for row in rows(admin_client.get(LIST, query).content.decode())]

    assert listed(confirmed="yes") == ["ana@example.com"]
    assert listed(confirmed="no") == ["bo@example.com"]
    assert listed(follows="posts") == ["bo@example.com"]
    assert listed(follows="thread") == ["ana@example.com"]
    assert listed(o="-2") == ["ana@example.com", "bo@example.com"]  # most conversations first
    assert listed(o="2", q="example") == ["bo@example.com", "ana@example.com"]


def test_the_list_costs_the_same_few_queries_however_many_addresses(
    admin_client, conversations, django_assert_max_num_queries
):
    for n in range(30):
        follower(f"reader{n:02}@example.com", threads=conversations[: n % 3])

    with django_assert_max_num_queries(8):
        response = admin_client.get(LIST)

    assert len(rows(response.content.decode())) == 30


def export(client, subscribers):
    response = client.post(
        LIST, {"action": "export_csv", "_selected_action": [s.pk for s in subscribers]}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="subscribers-')
    assert response.content.startswith("\ufeff".encode())  # UTF-8 with a byte order mark
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def test_the_csv_export_has_one_row_per_chosen_address(client, maren, conversations):
    chosen = [
        follower("ana@example.com", threads=conversations),
        follower("=2+3@example.com", posts=False, threads=conversations[:1], confirmed=False),
        follower("+tips@example.com"),
        follower("-dash@example.com"),
    ]
    follower("not.chosen@example.com")

    table = export(client, chosen)

    assert table[0] == ["address", "follows", "confirmed", "since"]
    by_address = {row[0]: row for row in table[1:]}
    assert set(by_address) == {
        "ana@example.com",
        "'=2+3@example.com",
        "'+tips@example.com",
        "'-dash@example.com",
    }
    ana = by_address["ana@example.com"]
    assert ana[1] == (
        "New posts; Conversation on “Knees, “clicks” & sore mornings ✨”, begun by Dana; "
        "Conversation on “Hip reset”, begun by Lee"
    )
    assert ana[2] == "All confirmed"
    asked = timezone.localtime(chosen[0].created_at)
    assert ana[3] == asked.strftime("%Y-%m-%d %H:%M")
    assert by_address["'=2+3@example.com"][2] == "Awaiting confirmation"


def test_removing_one_subscription_from_the_address_page(client, maren, conversations):
    subscriber = follower("ana@example.com", threads=conversations)
    kept, gone = [
        Subscription.objects.get(subscriber=subscriber, kind="posts"),
        Subscription.objects.get(subscriber=subscriber, thread=conversations[0]),
    ]
    others = Subscription.objects.filter(subscriber=subscriber).exclude(pk__in=[kept.pk, gone.pk])
    forms = [kept, gone, others.get()]
    data = {
        "subscriptions-TOTAL_FORMS": "3",
        "subscriptions-INITIAL_FORMS": "3",
        "subscriptions-MIN_NUM_FORMS": "0",
        "subscriptions-MAX_NUM_FORMS": "1000",
    }
    for n, subscription in enumerate(forms):
        data[f"subscriptions-{n}-id"] = subscription.pk
        data[f"subscriptions-{n}-subscriber"] = subscriber.pk
    data["subscriptions-1-DELETE"] = "on"
    page = client.get(f"{LIST}{subscriber.pk}/change/").content.decode()
    assert 'name="subscriptions-1-DELETE"' in page

    response = client.post(f"{LIST}{subscriber.pk}/change/", data)

    assert response.status_code == 302
    assert set(subscriber.subscriptions.values_list("pk", flat=True)) == {kept.pk, forms[2].pk}
    assert not LogEntry.objects.filter(object_repr__contains="ana@").exists()


def test_removing_an_addresses_last_subscription_forgets_the_address(client, maren):
    subscriber = follower("ana@example.com")
    data = {
        "subscriptions-TOTAL_FORMS": "1",
        "subscriptions-INITIAL_FORMS": "1",
        "subscriptions-MIN_NUM_FORMS": "0",
        "subscriptions-MAX_NUM_FORMS": "1000",
        "subscriptions-0-id": subscriber.subscriptions.get().pk,
        "subscriptions-0-subscriber": subscriber.pk,
        "subscriptions-0-DELETE": "on",
    }

    response = client.post(f"{LIST}{subscriber.pk}/change/", data, follow=True)

    assert response.redirect_chain[-1][0] == LIST
    assert "followed nothing more, so it was removed" in response.content.decode()
    assert not Subscriber.objects.exists() and not Subscription.objects.exists()


def test_deleting_an_address_removes_all_it_follows(client, maren, conversations):
    gone = follower("ana@example.com", threads=conversations)
    kept = follower("bo@example.com")
    chosen = {"action": "delete_selected", "_selected_action": [gone.pk]}

    asked = client.post(LIST, chosen)
    assert "Are you sure you want to delete the selected subscriber?" in asked.content.decode()
    client.post(LIST, {**chosen, "post": "yes"})

    assert list(Subscriber.objects.all()) == [kept]
    assert list(Subscription.objects.values_list("subscriber", flat=True)) == [kept.pk]
    entries = LogEntry.objects.filter(object_id=str(gone.pk))
    assert entries.count() == 1 and "ana@" not in entries.get().object_repr


def test_erasing_a_commenters_data_stops_what_their_address_follows(
    client, therapist, conversations
):
    post = conversations[0].post
    comment = make_comment(post, author_name="Reader", author_email="reader@example.com")
    follower("reader@example.com", threads=conversations)
    follower("other@example.com", threads=conversations[:1])

    asked = erase(client, [comment]).content.decode()
    assert 'id="erase-subscriptions"' in asked and "email subscriptions" in asked
    response = erase(client, [comment], how="anonymize")

    html = response.content.decode()
    assert "Erased: 1 comment of reader@example.com anonymized; 3 email subscriptions stopped." in (
        html
    )
    assert list(Subscriber.objects.values_list("email", flat=True)) == ["other@example.com"]
    assert response.redirect_chain[-1][0].startswith(QUEUE)


def test_the_privacy_notice_covers_following_by_email(client):
    html = client.get("/privacy/").content.decode()

    assert '<h2 id="following">Following by email</h2>' in html
    section = html.split('id="following"', 1)[1].split("<h2", 1)[0]
    for words in ["What it follows", "Nothing is sent until you confirm", "7 days", "one click"]:
        assert words in section
    assert "Stopping deletes the record" in section and "to be erased" in section
