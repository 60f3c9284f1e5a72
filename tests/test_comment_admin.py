import ipaddress
import re
import threading
import time
from types import SimpleNamespace

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from comments import services, trees
from comments.models import Comment
from tests.factories import make_comment, make_post
from tests.test_services import on_postgresql

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


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
    held = make_comment(question.post, parent=question, body="Held back", status="pending")
    make_comment(question.post, body="Another thread entirely")

    html = client.get(f"{QUEUE}{answer.pk}/change/").content.decode()

    assert "The whole thread" in html
    # Drawn as the site draws comments, every status in full, the one at hand marked.
    thread = html[html.index(f'<article id="comment-{question.pk}" ') :]
    assert "The question" in thread and "Held back" in thread.split("</article></article>")[0]
    assert f'<article id="comment-{answer.pk}" class="comment depth-1 comment--current">' in html
    assert '<span class="comment-status comment-status--pending">Pending</span>' in html
    assert f'href="{QUEUE}{held.pk}/change/"' in html
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
    assert reply.author_name == "Maren" and reply.by_staff
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

    assert {app for app, _ in permissions} == {"blog", "comments", "subscriptions"}
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


@pytest.mark.parametrize("forwarded", ["garbage", "1.2.3.4:5678", "[::1]:80"])
def test_admin_login_survives_an_unreadable_forwarded_address(client, settings, forwarded):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("127.0.0.1"),)
    User.objects.create_user("maren", password="the-right-password", is_staff=True)

    wrong = client.post(
        "/admin/login/", {"username": "maren", "password": "wrong"}, HTTP_X_FORWARDED_FOR=forwarded
    )
    right = client.post(
        "/admin/login/?next=/admin/",
        {"username": "maren", "password": "the-right-password"},
        HTTP_X_FORWARDED_FOR=forwarded,
    )

    assert wrong.status_code == 200 and "Please enter the correct username" in wrong.text
    assert right.status_code == 302 and right["Location"] == "/admin/"


def test_rotating_forwarded_addresses_do_not_escape_the_lockout(client, settings):
    """Someone reaching gunicorn directly (not through a trusted proxy) picks any header."""
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)
    User.objects.create_user("maren", password="the-right-password", is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/admin/login/",
            {"username": "maren", "password": "wrong"},
            HTTP_X_FORWARDED_FOR=f"198.51.100.{n}",
        )

    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "maren", "password": "the-right-password"},
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )

    assert response.status_code == 429
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


def test_the_therapist_corrects_a_comments_text_and_readers_see_it(client, therapist):
    comment = make_comment(make_post(), body="Hold it for thrity seconds.")

    response = client.post(
        f"{QUEUE}{comment.pk}/change/",
        {
            "author_name": comment.author_name,
            "author_email": comment.author_email,
            "author_url": "",
            "body": "Hold it for thirty seconds.",
            "status": "approved",
        },
    )

    assert response.status_code == 302
    page = Client().get(comment.post.get_absolute_url()).content.decode()
    assert "Hold it for thirty seconds." in page and "thrity" not in page


IMPERSONATION = "Not signed in, but uses a staff member’s name or email."


def queue_row(html, comment):
    """The queue's table row for `comment`."""
    rows = re.findall(r"<tr>.*?</tr>", html, re.S)
    return next(row for row in rows if f'value="{comment.pk}"' in row)


def test_queue_flags_a_stranger_using_the_therapists_name_or_email(client, therapist):
    post = make_post()
    own = make_comment(post, user=therapist, author_name="Maren", author_email=therapist.email)
    by_email = make_comment(post, author_name="M.", author_email="maren@example.com")
    by_name = make_comment(post, author_name="maren", author_email="m@example.net")
    reader = make_comment(post, author_name="Priya", author_email="priya@example.com")

    html = client.get(QUEUE).content.decode()

    assert IMPERSONATION in queue_row(html, by_email)
    assert IMPERSONATION in queue_row(html, by_name)
    assert IMPERSONATION not in queue_row(html, own)
    assert IMPERSONATION not in queue_row(html, reader)


def tree_problems():
    return [str(problem) for problem in trees.survey()[1]]


def test_bulk_delete_of_replies_that_have_replies_keeps_every_tree_sound(client, therapist):
    question = make_comment(make_post(), body="The question")
    answer = make_comment(question.post, parent=question)
    make_comment(question.post, parent=answer)
    make_comment(question.post, parent=answer)
    aside = make_comment(question.post, parent=question, body="An aside")
    elsewhere = make_comment(make_post())
    chosen = {"action": "delete_selected", "_selected_action": [answer.pk, elsewhere.pk]}

    confirm = client.post(QUEUE, chosen).content.decode()
    response = client.post(QUEUE, {**chosen, "post": "yes"}, follow=True)

    assert "Are you sure" in confirm
    assert "Successfully deleted 2 comments." in response.content.decode()
    assert tree_problems() == []
    assert list(Comment.objects.values_list("pk", flat=True)) == [question.pk, aside.pk]
    question.refresh_from_db()
    assert list(question.get_children()) == [aside]
    html = client.get(question.post.get_absolute_url()).content.decode()
    assert "The question" in html and "An aside" in html


def test_deleting_one_comment_from_its_page_keeps_its_thread_sound(client, therapist):
    question = make_comment(make_post())
    answer = make_comment(question.post, parent=question)
    make_comment(question.post, parent=answer)
    aside = make_comment(question.post, parent=question)

    response = client.post(f"{QUEUE}{answer.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert tree_problems() == []
    question.refresh_from_db()
    assert list(question.get_children()) == [aside]
    assert LogEntry.objects.get(object_id=str(answer.pk)).is_deletion()


@pytest.fixture
def thread():
    """Ana's question with Ben's answer (and its reply), Cy's aside; Dee's other thread."""
    question = make_comment(make_post(), author_name="Ana", body="Does it help the knee?")
    answer = make_comment(question.post, parent=question, author_name="Ben", body="Yes")
    follow_up = make_comment(question.post, parent=answer, author_name="Ana", body="Thanks")
    aside = make_comment(question.post, parent=question, author_name="Cy", body="Off topic")
    other = make_comment(question.post, author_name="Dee", body="About the hip instead")
    make_comment(make_post(), author_name="Eve", body="On another post")
    return SimpleNamespace(**locals())


def test_a_comment_page_has_a_move_link(client, therapist, thread):
    html = client.get(f"{QUEUE}{thread.answer.pk}/change/").content.decode()

    assert f'<a href="{QUEUE}{thread.answer.pk}/move/">Move</a>' in html


def test_move_page_offers_the_posts_other_comments_in_thread_order(client, therapist, thread):
    html = client.get(f"{QUEUE}{thread.answer.pk}/move/").content.decode()

    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', html)
    assert options == [
        ("top", "", "The top level: a thread of its own"),
        (str(thread.question.pk), " selected", "Ana: “Does it help the knee?”"),
        (str(thread.aside.pk), "", "— Cy: “Off topic”"),
        (str(thread.other.pk), "", "Dee: “About the hip instead”"),
    ]


@pytest.mark.parametrize(
    ("target", "place"),
    [("other", "under Dee’s comment"), ("top", "to the top level")],
)
def test_moving_a_comment_from_the_admin(client, therapist, thread, target, place):
    value = thread.other.pk if target == "other" else "top"

    response = client.post(f"{QUEUE}{thread.answer.pk}/move/", {"target": value}, follow=True)

    assert response.redirect_chain[-1][0] == f"{QUEUE}{thread.answer.pk}/change/"
    assert f"Ben’s comment moved {place}." in response.content.decode()
    entry = LogEntry.objects.get(object_id=str(thread.answer.pk))
    assert entry.action_flag == CHANGE and entry.get_change_message() == f"Moved {place}."
    assert tree_problems() == []
    thread.answer.refresh_from_db()
    assert thread.answer.parent_id == (thread.other.pk if target == "other" else None)
    assert list(thread.answer.get_children()) == [thread.follow_up]


@pytest.mark.parametrize(
    "value",
    ["", "abc", "١", " 1", "1.0", "-1", "99999999", "own", "reply", "elsewhere"],
)
def test_bad_move_targets_get_a_clear_message_and_change_nothing(client, therapist, thread, value):
    pks = {
        "own": thread.answer.pk,
        "reply": thread.follow_up.pk,
        "elsewhere": Comment.objects.get(author_name="Eve").pk,
    }
    before = list(Comment.objects.values_list("pk", "parent_id", "tree_id", "lft", "rght"))

    response = client.post(f"{QUEUE}{thread.answer.pk}/move/", {"target": pks.get(value, value)})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html or "This field is required." in html
    assert list(Comment.objects.values_list("pk", "parent_id", "tree_id", "lft", "rght")) == before


def test_a_move_to_where_the_comment_already_is_is_refused(client, therapist, thread):
    response = client.post(f"{QUEUE}{thread.aside.pk}/move/", {"target": thread.question.pk})

    assert "This comment is already a reply to Ana." in response.content.decode()
    assert not LogEntry.objects.exists()


def test_moving_needs_the_change_permission(client, thread):
    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    url = f"{QUEUE}{thread.answer.pk}/move/"

    assert client.get(url).status_code == 403
    assert client.post(url, {"target": "top"}).status_code == 403
    page = client.get(f"{QUEUE}{thread.answer.pk}/change/")
    assert page.status_code == 200 and 'move/">Move</a>' not in page.content.decode()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_single_delete_waits_for_the_posts_tree_lock(client, therapist, settings):
    """A reply being written holds the post's lock: a delete from the admin waits its turn."""
    settings.COMMENTS_LOCK_TIMEOUT = 300
    question = make_comment(make_post())
    answer = make_comment(question.post, parent=question)
    locked, release, responses = threading.Event(), threading.Event(), []

    def write_a_reply():
        with services.tree_lock(question.post):
            locked.set()
            release.wait()
        connection.close()

    def delete_the_answer():
        responses.append(client.post(f"{QUEUE}{answer.pk}/delete/", {"post": "yes"}))
        connection.close()

    writer = threading.Thread(target=write_a_reply)
    writer.start()
    locked.wait()
    deleter = threading.Thread(target=delete_the_answer)
    deleter.start()
    while deleter.is_alive() and not someone_waits_for_a_lock():
        time.sleep(0.01)
    waited = deleter.is_alive()
    release.set()
    writer.join()
    deleter.join()

    assert waited, "the delete did not wait for the post's lock"
    assert responses[0].status_code == 302
    assert list(Comment.objects.values_list("pk", flat=True)) == [question.pk]
    assert tree_problems() == []


def someone_waits_for_a_lock():
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
        return cursor.fetchone()[0] > 0


def test_queue_links_a_pending_comment_to_its_post_page(client, therapist):
    """A pending comment has no public permalink yet: the queue leads to its post."""
    post = make_post(title="Hip reset")
    pending = make_comment(post, status="pending")

    html = client.get(QUEUE).content.decode()
    links = re.findall(r'<a href="([^"]+)">Hip reset</a>', html)
    reply_page = client.get(f"{QUEUE}{pending.pk}/reply/").content.decode()

    assert links == [post.get_absolute_url()]
    assert client.get(links[0]).status_code == 200
    assert f'<a href="{post.get_absolute_url()}">“Hip reset”</a>' in reply_page
