"""A visitor fixing their own comment (comments/own.py): Edit and Delete, from the browser
that sent it, for COMMENTS_EDIT_MINUTES, while nobody has replied."""

import re
from datetime import timedelta

import pytest
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone

from comments import visitor
from comments.models import Comment
from tests.factories import make_comment, make_post
from tests.test_comment_views import send
from tests.test_own import article, own_cookie

pytestmark = pytest.mark.django_db

LINKS = re.compile(r'<a href="/comments/(\d+)/(edit|delete)/">(Edit|Delete)</a>')


@pytest.fixture(autouse=True)
def no_flood_limit(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0


@pytest.fixture
def admin_user():
    return User.objects.create_superuser("editor", "editor@example.com", "pw-not-used")


@pytest.fixture
def sent():
    """A known commenter's new comment, published at once, sent from a browser: the
    browser and the comment."""
    post = make_post()
    make_comment(post, author_name="Zoë Åberg", author_email="zoe@example.com")
    browser = Client()
    response = send(browser, post, body="Does the figure four help with sciatca?")
    assert response.status_code == 302
    comment = Comment.objects.latest("created_at")
    assert comment.status == Comment.Status.APPROVED
    return browser, comment


def page(client, comment):
    return client.get(comment.post.get_absolute_url()).content.decode()


def links(html):
    return {(int(pk), kind) for pk, kind, _ in LINKS.findall(html)}


def edit(client, comment, body):
    return client.post(f"/comments/{comment.pk}/edit/", {"body": body})


def test_own_published_comment_has_edit_and_delete_links_for_its_writer_only(sent):
    browser, comment = sent
    assert links(page(browser, comment)) == {(comment.pk, "edit"), (comment.pk, "delete")}
    mine = article(page(browser, comment), comment)
    assert ">Edit</a>" in mine and ">Delete</a>" in mine

    stranger = Client()
    html = page(stranger, comment)
    assert f'id="comment-{comment.pk}"' in html
    assert links(html) == set()
    # The writer's page is not the one the page cache keeps for everyone.
    assert links(page(browser, comment)) == {(comment.pk, "edit"), (comment.pk, "delete")}
    assert links(page(stranger, comment)) == set()


def test_edit_within_the_window_changes_the_text_and_keeps_the_old_in_history(sent, admin_user):
    browser, comment = sent
    form = browser.get(f"/comments/{comment.pk}/edit/")
    assert form.status_code == 200
    assert "sciatca" in form.content.decode()

    response = edit(browser, comment, "Does the figure four help with sciatica?")

    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.body == "Does the figure four help with sciatica?"
    assert comment.status == Comment.Status.APPROVED
    shown = article(browser.get(response["Location"]).content.decode(), comment)
    assert "help with sciatica?" in shown
    assert '<span class="comment__edited">edited</span>' in shown
    assert "edited</span>" in article(page(Client(), comment), comment)
    entry = LogEntry.objects.get(object_id=str(comment.pk), action_flag=CHANGE)
    assert "help with sciatca?" in entry.change_message
    assert "help with sciatca?" in entry.get_change_message()


def test_an_edit_to_two_links_goes_back_to_the_queue(sent, settings):
    settings.COMMENTS_MAX_LINKS = 2
    browser, comment = sent

    edit(browser, comment, "See https://example.com/a and https://example.com/b")

    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert "example.com/a" not in page(Client(), comment)
    mine = article(page(browser, comment), comment)
    assert "Awaiting moderation" in mine
    assert ">Edit</a>" in mine


def refused(response):
    assert response.status_code == 403
    assert "This comment cannot be changed" in response.content.decode()


def test_refused_after_the_window(sent, settings):
    browser, comment = sent
    before = comment.body
    Comment.objects.filter(pk=comment.pk).update(
        created_at=timezone.now() - timedelta(minutes=settings.COMMENTS_EDIT_MINUTES, seconds=1)
    )

    assert links(page(browser, comment)) == set()
    refused(edit(browser, comment, "Too late to change this."))
    refused(browser.post(f"/comments/{comment.pk}/delete/"))
    comment.refresh_from_db()
    assert comment.body == before
    # Nothing of theirs can change any more: the page is everyone's again.
    assert (
        visitor.OWN_COOKIE not in browser.cookies or not browser.cookies[visitor.OWN_COOKIE].value
    )


def test_refused_once_someone_replied(sent):
    browser, comment = sent
    make_comment(comment.post, parent=comment, body="It does, gently.")

    assert links(page(browser, comment)) == set()
    refused(edit(browser, comment, "Changed after the answer."))
    refused(browser.post(f"/comments/{comment.pk}/delete/"))
    assert Comment.objects.filter(pk=comment.pk, body__contains="sciatca").exists()


@pytest.mark.parametrize("cookie", ["none", "forged", "another-comment"])
def test_refused_for_another_browser(sent, cookie):
    _, comment = sent
    other = Client()
    if cookie == "forged":
        other.cookies[visitor.OWN_COOKIE] = f"{comment.pk}:forged-signature"
    elif cookie == "another-comment":
        someone = make_comment(comment.post, body="Someone else's.")
        other.cookies[visitor.OWN_COOKIE] = own_cookie(someone)

    refused(other.get(f"/comments/{comment.pk}/edit/"))
    refused(edit(other, comment, "Not mine to change."))
    refused(other.post(f"/comments/{comment.pk}/delete/"))
    assert Comment.objects.filter(pk=comment.pk, body__contains="sciatca").exists()


def test_a_comment_that_is_not_there_is_refused_plainly(sent):
    browser, _ = sent
    refused(browser.get("/comments/999999999/edit/"))
    refused(browser.post("/comments/999999999/delete/"))


def test_delete_within_the_window(sent, admin_user):
    browser, comment = sent
    confirm = browser.get(f"/comments/{comment.pk}/delete/")
    assert confirm.status_code == 200
    assert "Delete my comment" in confirm.content.decode()

    response = browser.post(f"/comments/{comment.pk}/delete/")

    assert response.status_code == 302
    assert not Comment.objects.filter(pk=comment.pk).exists()
    html = browser.get(response["Location"]).content.decode()
    assert "Your comment was deleted." in html
    assert f'id="comment-{comment.pk}"' not in page(Client(), comment)
    entry = LogEntry.objects.get(object_id=str(comment.pk), action_flag=DELETION)
    assert "sciatca" in entry.change_message


def test_a_held_comment_can_be_edited_by_its_writer_too():
    post = make_post()
    browser = Client()
    send(browser, post, body="My first comment, with a typo: strech.")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert links(page(browser, comment)) == {(comment.pk, "edit"), (comment.pk, "delete")}

    edit(browser, comment, "My first comment: stretch.")

    comment.refresh_from_db()
    assert comment.body == "My first comment: stretch."
    assert comment.status == Comment.Status.PENDING


def test_an_empty_edit_is_refused_next_to_the_field(sent):
    browser, comment = sent
    response = edit(browser, comment, "")
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()
    comment.refresh_from_db()
    assert "sciatca" in comment.body
