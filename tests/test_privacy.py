"""Readers' personal data: the privacy notice, the admin's "Erase commenter's data" and
the retention of IP addresses and user agents (comments/privacy.py, comments/erasure.py)."""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Permission, User
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from comments import trees
from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


# The setting ---------------------------------------------------------------------------


def test_ip_retention_defaults_to_ninety_days_and_reads_the_environment(site_settings):
    assert site_settings()["COMMENTS_IP_RETENTION_DAYS"] == 90
    assert site_settings(COMMENTS_IP_RETENTION_DAYS="30")["COMMENTS_IP_RETENTION_DAYS"] == 30
    assert site_settings(COMMENTS_IP_RETENTION_DAYS=" 7 ")["COMMENTS_IP_RETENTION_DAYS"] == 7


@pytest.mark.parametrize("value", ["0", "-5", "abc", "9.5", "1e3", "٣", "90 days"])
def test_a_retention_that_is_not_a_whole_number_of_days_stops_the_start(site_settings, value):
    with pytest.raises(ImproperlyConfigured) as refused:
        site_settings(COMMENTS_IP_RETENTION_DAYS=value)

    assert f"COMMENTS_IP_RETENTION_DAYS={value.strip()!r}: give a whole number of days" in (
        str(refused.value)
    )


# The command ---------------------------------------------------------------------------


def aged(days, **fields):
    post = fields.pop("post", None) or make_post()
    return make_comment(
        post,
        created_at=timezone.now() - timedelta(days=days),
        ip_address=fields.pop("ip_address", "203.0.113.7"),
        user_agent=fields.pop("user_agent", "Mozilla/5.0 (Android 14; Mobile)"),
        **fields,
    )


def test_purge_clears_addresses_older_than_the_retention_and_says_how_many(settings, capsys):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    old = [aged(31), aged(400, status="spam"), aged(45, user_agent="")]
    recent = aged(29)
    already = aged(200, ip_address=None, user_agent="")

    call_command("purge_comment_ips")

    out = capsys.readouterr().out
    assert "Cleared the IP address and user agent of 3 comments older than 30 days." in out
    for comment in old:
        comment.refresh_from_db()
        assert (comment.ip_address, comment.user_agent) == (None, "")
        assert comment.body and comment.author_email  # only the addresses go
    recent.refresh_from_db()
    assert recent.ip_address == "203.0.113.7" and recent.user_agent.startswith("Mozilla")
    already.refresh_from_db()
    assert already.ip_address is None

    call_command("purge_comment_ips")
    assert "of 0 comments older than 30 days" in capsys.readouterr().out


def test_compose_runs_the_purge_every_day():
    from tests.conftest import ROOT

    compose = (ROOT / "docker-compose.yml").read_text()
    purger = compose[compose.index("\n  purger:") : compose.index("\n  proxy:")]

    assert "python manage.py purge_comment_ips" in purger
    assert "sleep 86400" in purger
    assert "environment: *app-environment" in purger
    assert "COMMENTS_IP_RETENTION_DAYS: ${COMMENTS_IP_RETENTION_DAYS:-90}" in compose


# The notice ----------------------------------------------------------------------------


def test_privacy_notice_says_what_is_kept_and_for_how_long(client, settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 30
    settings.CONTACT_EMAIL = "maren@align.example"

    html = client.get("/privacy/").content.decode()

    assert '<h1 class="page-title">Privacy notice</h1>' in html
    for kept in ("Your name", "Your email address", "IP address and your browser’s user agent"):
        assert kept in html
    assert "<strong>30 days</strong> after it was sent" in html
    assert "Your email address is never shown" in html
    assert 'href="mailto:maren@align.example"' in html
    assert "Save my details" in html and "session cookie" in html


def test_without_a_contact_address_the_notice_says_to_ask_through_a_comment(client, settings):
    settings.CONTACT_EMAIL = ""

    html = client.get("/privacy/").content.decode()

    assert "mailto:" not in html
    assert "Send a comment on any post, with the email address you commented with" in html


def test_the_comment_form_and_every_footer_link_to_the_notice(client):
    post = make_post()

    html = client.get(post.get_absolute_url()).content.decode()

    form = html[
        html.index('<form id="comment-form"') : html.index("</form>", html.index("comment-form"))
    ]
    assert '<a href="/privacy/">privacy notice</a>' in form
    footer = html[html.index('<footer class="site-footer">') :]
    assert '<a href="/privacy/">Privacy notice</a>' in footer


# Erasing a commenter's data ------------------------------------------------------------


@pytest.fixture
def dana():
    """Dana's comments on two posts (one answered by others), and one of someone else's."""
    hips, knees = make_post(title="Hip reset"), make_post(title="Knee circles")
    first = make_comment(
        hips,
        author_name="Dana Pike",
        author_email="dana@example.com",
        author_url="https://dana.example",
        body="My left hip aches after the bridge.",
        ip_address="198.51.100.4",
        user_agent="Firefox",
        notify_replies=True,
    )
    answer = make_comment(hips, parent=first, author_name="Sam", body="Try a smaller lift.")
    own_reply = make_comment(
        hips, parent=answer, author_name="D.", author_email="Dana@Example.com", body="Thanks!"
    )
    second = make_comment(
        knees,
        author_name="Dana",
        author_email="dana@example.com",
        body="Circles help.",
        status="pending",
    )
    other = make_comment(knees, author_name="Lee", body="Mine click too.")
    return {
        "first": first,
        "answer": answer,
        "own_reply": own_reply,
        "second": second,
        "other": other,
        "hips": hips,
    }


def erase(client, selected, how=None):
    data = {"action": "erase_commenters_data", "_selected_action": [c.pk for c in selected]}
    if how:
        data.update(how=how, confirm="Erase their data")
    return client.post(QUEUE, data, follow=bool(how))


def test_erasing_asks_first_with_counts_across_posts(client, therapist, dana):
    response = erase(client, [dana["second"]])

    html = response.content.decode()
    assert response.status_code == 200
    assert "<strong>3 comments on 2 posts</strong> were written with this address" in html
    assert "<li>dana@example.com</li>" in html
    # The first comment was answered by Sam, so it would stay as an empty placeholder.
    assert "Removing them deletes 2 comments and keeps 1 empty" in html
    assert 'value="anonymize"' in html and 'value="remove"' in html
    assert Comment.objects.get(pk=dana["first"].pk).author_name == "Dana Pike"


def stranger_reads(client, url):
    """The page as a visitor without cookies gets it: the shared, cached copy."""
    return client.get(url, HTTP_COOKIE="").content.decode()


def test_anonymizing_keeps_the_text_and_clears_who_wrote_it(client, therapist, dana):
    page = dana["hips"].get_absolute_url()
    assert "Dana Pike" in stranger_reads(client, page)  # now in the page cache

    response = erase(client, [dana["first"]], how="anonymize")

    assert "Erased: 3 comments of dana@example.com anonymized." in response.content.decode()
    for key in ("first", "own_reply", "second"):
        comment = Comment.objects.get(pk=dana[key].pk)
        assert comment.author_name == "Anonymous"
        assert (comment.author_email, comment.author_url, comment.user_agent) == ("", "", "")
        assert comment.ip_address is None and comment.notify_replies is False
        assert comment.body == dana[key].body and comment.status == dana[key].status
    assert Comment.objects.get(pk=dana["other"].pk).author_name == "Lee"
    entries = LogEntry.objects.filter(object_id=str(dana["first"].pk), action_flag=CHANGE)
    assert entries.count() == 1 and "Erased the commenter's data" in entries[0].change_message
    assert not LogEntry.objects.filter(object_repr__contains="Dana").exists()
    reader = stranger_reads(client, page)
    assert "Dana Pike" not in reader and "dana.example" not in reader
    assert "Anonymous" in reader and "My left hip aches after the bridge." in reader


def test_removing_deletes_and_leaves_a_placeholder_where_others_answered(client, therapist, dana):
    page = dana["hips"].get_absolute_url()
    assert "Dana Pike" in stranger_reads(client, page)  # now in the page cache

    response = erase(client, [dana["second"]], how="remove")

    assert (
        "Erased: 2 comments of dana@example.com deleted, 1 kept empty" in response.content.decode()
    )
    assert not Comment.objects.filter(pk__in=[dana["own_reply"].pk, dana["second"].pk]).exists()
    placeholder = Comment.objects.get(pk=dana["first"].pk)
    assert placeholder.status == "removed"
    assert (placeholder.author_name, placeholder.author_email, placeholder.body) == (
        "Anonymous",
        "",
        "",
    )
    assert Comment.objects.get(pk=dana["answer"].pk).parent_id == placeholder.pk
    assert trees.survey()[1] == []
    assert LogEntry.objects.filter(action_flag=DELETION).count() == 2

    reader = stranger_reads(client, page)
    assert "Dana Pike" not in reader and "My left hip aches" not in reader
    assert "This comment was removed." in reader and "Try a smaller lift." in reader


def test_staff_replies_are_never_erased_with_a_commenter(client, therapist, dana):
    reply = make_comment(
        dana["hips"],
        parent=dana["first"],
        author_name="Maren",
        author_email="Dana@example.com",
        user=therapist,
        body="Ease off the lift.",
    )

    erase(client, [dana["first"]], how="anonymize")

    assert Comment.objects.get(pk=dana["first"].pk).author_name == "Anonymous"
    assert Comment.objects.get(pk=reply.pk).author_name == "Maren"


def test_only_staff_who_may_change_comments_can_erase(client, dana):
    viewer = User.objects.create_user("viewer", "v@example.com", "a-pass", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)

    response = erase(client, [dana["first"]], how="anonymize")

    assert Comment.objects.get(pk=dana["first"].pk).author_name == "Dana Pike"
    assert "Erase commenter" not in client.get(QUEUE).content.decode()
    assert response.status_code in (200, 403)


def test_removing_needs_the_delete_permission(client, dana):
    editor = User.objects.create_user("editor", "e@example.com", "a-pass", is_staff=True)
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(editor)

    assert 'value="remove"' not in erase(client, [dana["first"]]).content.decode()
    assert erase(client, [dana["first"]], how="remove").status_code == 403
    assert Comment.objects.filter(pk=dana["second"].pk).exists()


# The queue on a phone: its title -------------------------------------------------------


def test_the_queue_is_titled_comments(client, therapist):
    html = client.get(QUEUE).content.decode()

    assert re.search(r"<h1>\s*Comments\s*</h1>", html)
    assert "<title>Comments | ALIGN admin</title>" in html
    assert "Select comment to change" not in html


def test_a_made_up_choice_asks_again_and_erases_nothing(client, therapist, dana):
    response = client.post(
        QUEUE,
        {
            "action": "erase_commenters_data",
            "_selected_action": [dana["first"].pk],
            "how": "shred",
            "confirm": "Erase their data",
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice." in response.content.decode()
    assert Comment.objects.get(pk=dana["first"].pk).author_name == "Dana Pike"
