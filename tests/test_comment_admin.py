import re

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


@pytest.fixture
def therapist(client):
    """Maren, in the Therapist group made by the migration: staff, not a superuser."""
    user = User.objects.create_user(
        "maren", "maren@example.com", "a-long-pass-phrase", is_staff=True, first_name="Maren"
    )
    user.groups.add(Group.objects.get(name="Therapist"))
    client.force_login(user)
    return user


def moderate(client, comment, action, referer=QUEUE + "?status__exact=pending"):
    url = f"{QUEUE}{comment.pk}/moderate/{action}/"
    return client.post(url, HTTP_REFERER="http://testserver" + referer)


def test_queue_shows_pending_first_then_newest(client, therapist):
    post = make_post(title="Hip reset")
    old_approved = make_comment(post, body="Old and approved")
    pending = make_comment(post, body="Waiting for you", status="pending")
    new_approved = make_comment(post, body="New and approved")

    html = client.get(QUEUE).content.decode()

    order = [int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', html)]
    assert order == [pending.pk, new_approved.pk, old_approved.pk]
    assert "Hip reset" in html and pending.author_email in html


def test_queue_shows_thread_context(client, therapist):
    post = make_post()
    question = make_comment(post, author_name="Dana", body="Where should I feel the stretch?")
    make_comment(post, parent=question, status="pending", body="Same question")

    html = client.get(QUEUE).content.decode()

    assert "in reply to" in html and "Dana: “Where should I feel the stretch?”" in html


def queue_queries(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(QUEUE).status_code == 200
    return len(queries)


def test_queue_queries_do_not_grow_with_rows(client, therapist):
    post = make_post()
    parent = make_comment(post)
    for _ in range(3):
        make_comment(post, parent=parent, status="pending")
    few = queue_queries(client)
    for _ in range(30):
        make_comment(make_post(), parent=None, status="pending")

    assert few == queue_queries(client)


@pytest.mark.parametrize(
    ("action", "status", "message"),
    [
        ("approve", "approved", "Approved"),
        ("spam", "spam", "Marked as spam"),
        ("remove", "removed", "Removed"),
    ],
)
def test_one_click_moderation(client, therapist, action, status, message):
    comment = make_comment(make_post(title="Hip reset"), status="pending", author_name="Ana")

    response = moderate(client, comment, action)

    assert response.status_code == 302
    assert response["Location"].endswith("?status__exact=pending")
    comment.refresh_from_db()
    assert comment.status == status
    log = LogEntry.objects.get(object_id=str(comment.pk))
    assert log.user == therapist and f"{message} (was Pending)." in log.get_change_message()
    page = client.get(response["Location"]).content.decode()
    assert f"{message}: Ana on “Hip reset”." in page


def test_moderation_buttons_post_the_queue_form(client, therapist):
    comment = make_comment(make_post(), status="pending")

    html = client.get(QUEUE).content.decode()

    form = html[html.index('<form id="changelist-form"') :]
    assert f'formaction="{QUEUE}{comment.pk}/moderate/approve/">Approve</button>' in form
    assert 'name="csrfmiddlewaretoken"' in form
    assert f'href="{QUEUE}{comment.pk}/reply/">Reply</a>' in form


def test_moderation_refuses_get_and_unknown_actions(client, therapist):
    comment = make_comment(make_post(), status="pending")

    assert client.get(f"{QUEUE}{comment.pk}/moderate/approve/").status_code == 405
    assert moderate(client, comment, "publish-everything").status_code == 403


@pytest.mark.parametrize(
    ("action", "label", "status"),
    [
        ("approve", "Approve", "approved"),
        ("mark_as_spam", "Mark as spam", "spam"),
        ("remove", "Remove", "removed"),
    ],
)
def test_bulk_actions(client, therapist, action, label, status):
    post = make_post()
    chosen = [make_comment(post, status="pending") for _ in range(3)]
    untouched = make_comment(post, status="pending")

    html = client.get(QUEUE).content.decode()
    response = client.post(
        QUEUE, {"action": action, "_selected_action": [c.pk for c in chosen]}, follow=True
    )

    assert f'<option value="{action}">{label}</option>' in html
    assert Comment.objects.filter(status=status).count() == 3
    assert Comment.objects.get(pk=untouched.pk).status == "pending"
    assert "3 comments." in response.content.decode()
    assert LogEntry.objects.count() == 3


def test_deleting_for_real_is_a_separate_explicit_action(client, therapist):
    question = make_comment(make_post())
    make_comment(question.post, parent=question)

    response = client.post(QUEUE, {"action": "delete_selected", "_selected_action": [question.pk]})

    assert "Are you sure" in response.content.decode()
    assert Comment.objects.count() == 2


def test_removing_a_question_keeps_its_answers_on_the_site(client, therapist):
    question = make_comment(make_post(), body="Original question")
    answer = make_comment(question.post, parent=question, body="The answer stays")

    moderate(client, question, "remove")

    html = client.get(question.post.get_absolute_url()).content.decode()
    assert "This comment was removed." in html and "The answer stays" in html
    assert html.index(f'id="comment-{question.pk}"') < html.index(f'id="comment-{answer.pk}"')


def test_every_admin_page_shows_how_many_comments_wait(client, therapist):
    for _ in range(2):
        make_comment(make_post(), status="pending")
    make_comment(make_post(), status="spam")

    for url in ["/admin/", "/admin/blog/post/", "/admin/blog/exercise/add/"]:
        html = client.get(url).content.decode()
        assert "2 comments pending</a>" in html
        assert f'href="{QUEUE}?status__exact=pending"' in html


def test_comment_page_shows_its_whole_thread_and_a_reply_link(client, therapist):
    question = make_comment(make_post(), body="The question")
    answer = make_comment(question.post, parent=question, body="The answer")
    make_comment(question.post, body="Another thread entirely")

    html = client.get(f"{QUEUE}{answer.pk}/change/").content.decode()

    assert "The whole thread" in html
    assert "The question" in html and "admin-thread__item--current" in html
    assert "Another thread entirely" not in html
    assert f'href="{QUEUE}{answer.pk}/reply/"' in html and ">Reply</a>" in html


def test_reply_from_admin_is_an_approved_author_reply_last_under_the_comment(
    client, therapist, django_capture_on_commit_callbacks
):
    post = make_post(title="Hip reset")
    question = make_comment(
        post, author_name="Dana", body="Is this safe?", status="pending", notify_replies=True
    )
    earlier = make_comment(post, parent=question, body="Earlier reply")

    page = client.get(f"{QUEUE}{question.pk}/reply/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{QUEUE}{question.pk}/reply/", {"body": "Yes, gently.\n\nStart small."}, follow=True
        )

    assert "Is this safe?" in page and "Reply to Dana" in page
    reply = Comment.objects.get(user=therapist)
    question.refresh_from_db()
    assert reply.parent == question and reply.status == "approved"
    assert list(question.get_children()) == [earlier, reply]
    assert question.status == "approved"
    assert reply.author_name == "Maren" and reply.is_author_reply
    html = response.content.decode()
    assert response.redirect_chain[-1][0] == QUEUE
    assert f'<a href="{reply.get_absolute_url()}">See it on the site</a>' in html
    assert LogEntry.objects.filter(object_id=str(reply.pk)).exists()
    assert [m.to for m in mail.outbox] == [[question.author_email]]
    assert "Yes, gently." in mail.outbox[0].body


def test_an_empty_reply_is_refused_with_a_message(client, therapist):
    question = make_comment(make_post())

    response = client.post(f"{QUEUE}{question.pk}/reply/", {"body": ""})

    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert Comment.objects.count() == 1


@pytest.mark.parametrize(
    "url",
    [
        QUEUE,
        "/admin/blog/post/",
        "/admin/comments/blockedterm/",
        "/admin/comments/comment/{pk}/reply/",
        "/admin/comments/comment/{pk}/change/",
        "/preview/{post}/",
    ],
)
def test_visitors_and_readers_cannot_reach_the_admin(client, url):
    comment = make_comment(make_post(status="draft"))
    url = url.format(pk=comment.pk, post=comment.post.pk)

    anonymous = client.get(url)
    client.force_login(User.objects.create_user("reader", password="x"))
    reader = client.get(url)
    reader_post = client.post(f"{QUEUE}{comment.pk}/moderate/approve/")

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert reader.status_code == 302 and "/admin/login/" in reader["Location"]
    assert reader_post.status_code == 302
    assert Comment.objects.get().status == "approved"


def test_therapist_group_has_content_permissions_but_not_users_or_groups():
    permissions = set(
        Group.objects.get(name="Therapist").permissions.values_list(
            "content_type__app_label", "codename"
        )
    )

    assert {app for app, _ in permissions} == {"blog", "comments"}
    for model in ["post", "step", "exercise", "category", "comment", "blockedterm"]:
        for action in ["add", "change", "delete", "view"]:
            assert (
                "comments" if model in ("comment", "blockedterm") else "blog",
                f"{action}_{model}",
            ) in permissions


def test_therapist_can_do_all_of_it_but_manage_users(client, therapist):
    for url in [QUEUE, "/admin/blog/post/add/", "/admin/blog/exercise/", "/admin/blog/category/"]:
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    assert "auth/user" not in client.get("/admin/").content.decode()


def test_blocklist_is_editable_by_the_therapist(client, therapist):
    response = client.post("/admin/comments/blockedterm/add/", {"kind": "word", "value": "casino"})

    assert response.status_code == 302
    assert client.get("/admin/comments/blockedterm/").content.decode().count("casino") >= 1


def test_admin_login_is_throttled(client):
    User.objects.create_user("maren", password="the-right-password", is_staff=True)
    for _ in range(5):
        client.post("/admin/login/", {"username": "maren", "password": "wrong"})

    response = client.post(
        "/admin/login/?next=/admin/", {"username": "maren", "password": "the-right-password"}
    )

    assert response.status_code == 429
    assert "Too many failed sign-ins" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_comments_are_not_added_from_a_bare_form(client, therapist):
    assert client.get(QUEUE + "add/").status_code == 403
    assert "Add comment" not in client.get(QUEUE).content.decode()


@pytest.mark.parametrize("status", ["spam", "removed"])
def test_spam_and_removed_comments_cannot_be_answered(client, therapist, status):
    comment = make_comment(make_post(), status=status)

    assert client.get(f"{QUEUE}{comment.pk}/reply/").status_code == 404
    assert client.post(f"{QUEUE}{comment.pk}/reply/", {"body": "Hello"}).status_code == 404


def test_queue_marks_only_staff_replies_as_the_authors(client, therapist):
    post = make_post()
    make_comment(post, user=therapist, author_name="Maren", body="Staff answer")
    make_comment(post, user=User.objects.create_user("reader"), author_name="Reader", body="Hi")

    html = client.get(QUEUE).content.decode()

    assert "<strong>Maren</strong> (author)" in html
    assert "<strong>Reader</strong><br>" in html
