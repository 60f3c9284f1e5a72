"""The queue as the therapist works it: her to-do list of unanswered questions, coming back
to the list she left after a reply, Undo after a moderation click, and Move's targets."""

import re
from urllib.parse import quote

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import User

from comments import queue
from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


def listed(html):
    return [int(pk) for pk in re.findall(r'name="_selected_action" value="(\d+)"', html)]


@pytest.fixture
def questions(therapist):
    """Readers' questions, answered by staff or not, and what does not count as one."""
    post = make_post(title="Hip reset")
    colleague = User.objects.create_user("jo", "jo@example.com", is_staff=True)
    reader = User.objects.create_user("ida", "ida@example.com")  # an account, not staff
    old = make_comment(post, author_name="Old", body="Old question, no answer")
    answered = make_comment(post, author_name="Ana", body="Answered by Maren")
    make_comment(post, parent=answered, author_name="Maren", body="Yes.", user=therapist)
    deep = make_comment(post, author_name="Ben", body="Answered deep in the thread")
    chat = make_comment(post, parent=deep, author_name="Cy", body="Me too")
    make_comment(post, parent=chat, author_name="Jo", body="Do it daily.", user=colleague)
    only_readers = make_comment(post, author_name="Dee", body="Readers replied, not staff")
    make_comment(post, parent=only_readers, author_name="Eve", body="Same here")
    make_comment(post, author_name="Maren", body="A note of mine", user=therapist)
    make_comment(post, author_name="Fay", body="Still waiting for moderation", status="pending")
    make_comment(post, author_name="Gus", body="Spam question", status="spam")
    with_account = make_comment(post, author_name="Ida", body="Signed-in reader", user=reader)
    newest = make_comment(post, author_name="Hal", body="Newest question")
    return [newest, with_account, only_readers, old]


def test_the_unanswered_filter_lists_readers_questions_no_staff_member_answered(client, questions):
    html = client.get(QUEUE + "?unanswered=1").content.decode()

    assert listed(html) == [question.pk for question in questions]  # newest first
    assert 'href="?unanswered=1"' in html and "No answer from you yet</a>" in html


@pytest.mark.parametrize("value", ["0", "yes", "", "1' OR 1=1"])
def test_other_values_of_the_filter_show_the_whole_queue(client, questions, value):
    response = client.get(QUEUE + "?unanswered=" + quote(value))

    assert response.status_code == 200
    assert len(listed(response.content.decode())) == Comment.objects.count()


def test_the_admin_home_counts_her_unanswered_questions(client, questions):
    html = client.get("/admin/").content.decode()

    todo = html[html.index('class="app-to-do') :]
    assert re.search(
        r'<a href="/admin/comments/comment/\?unanswered=1">No answer from you yet</a></th>'
        r'<td class="to-do-count">4</td>',
        todo,
    )
    assert re.search(r"Comments waiting</a></th><td class=\"to-do-count\">1</td>", todo)


def test_answering_from_the_filtered_list_returns_to_it(client, questions):
    question = questions[0]
    html = client.get(QUEUE + "?unanswered=1").content.decode()
    reply_url = f"{QUEUE}{question.pk}/reply/?_changelist_filters=unanswered%3D1"
    assert f'<a class="button" href="{reply_url}">Reply</a>' in html

    page = client.get(reply_url).content.decode()
    response = client.post(reply_url, {"body": "Start with five a day."})

    assert f'<a href="{QUEUE}?unanswered=1">Comments</a>' in page
    assert response.status_code == 302 and response["Location"] == QUEUE + "?unanswered=1"
    after = client.get(response["Location"]).content.decode()
    assert "Your reply to Hal is published." in after
    assert question.pk not in listed(after)


def test_a_reply_from_a_comments_page_keeps_the_queues_filters(client, therapist):
    comment = make_comment(make_post(), status="pending", author_name="Ana")
    filters = "_changelist_filters=status__exact%3Dpending"

    html = client.get(f"{QUEUE}{comment.pk}/change/?{filters}").content.decode()
    response = client.post(f"{QUEUE}{comment.pk}/reply/?{filters}", {"body": "Gently, yes."})

    assert f'href="{QUEUE}{comment.pk}/reply/?{filters}" class="addlink">Reply</a>' in html
    assert response["Location"] == QUEUE + "?status__exact=pending"


def test_a_reply_with_made_up_filters_still_lands_on_the_queue(client, therapist):
    comment = make_comment(make_post(), status="pending")

    response = client.post(
        f"{QUEUE}{comment.pk}/reply/?_changelist_filters=%0D%0ALocation%3A%20x",
        {"body": "Gently, yes."},
    )

    assert response.status_code == 302
    assert response["Location"].startswith(QUEUE + "?") and "\n" not in response["Location"]


def undo_token(html):
    return re.search(r'name="undo" value="([^"]+)"', html)[1]


@pytest.mark.parametrize(
    ("action", "done"),
    [("approve", "Approved"), ("spam", "Marked as spam"), ("remove", "Removed")],
)
def test_undo_puts_a_moderated_comment_back_in_one_click(client, therapist, action, done):
    comment = make_comment(make_post(title="Hip reset"), status="pending", author_name="Ana")
    back = QUEUE + "?status__exact=pending"
    moved = client.post(
        f"{QUEUE}{comment.pk}/moderate/{action}/", HTTP_REFERER="http://testserver" + back
    )
    page = client.get(moved["Location"]).content.decode()
    assert f"{done}: Ana on “Hip reset”." in page
    assert '<button type="submit" class="undo-button">Undo</button>' in page

    undone = client.post(
        QUEUE + "undo/", {"undo": undo_token(page)}, HTTP_REFERER="http://testserver" + back
    )

    assert undone["Location"] == "http://testserver" + back
    comment.refresh_from_db()
    assert comment.status == "pending"
    assert "Undone: Ana’s comment is pending again." in client.get(back).content.decode()
    assert LogEntry.objects.filter(object_id=str(comment.pk)).count() == 2


def test_undo_of_a_bulk_action_restores_each_comments_own_status(client, therapist):
    post = make_post()
    pending = make_comment(post, status="pending")
    spam = make_comment(post, status="spam")
    approved = make_comment(post)
    chosen = [pending.pk, spam.pk, approved.pk]

    response = client.post(QUEUE, {"action": "remove", "_selected_action": chosen}, follow=True)
    client.post(QUEUE + "undo/", {"undo": undo_token(response.content.decode())})

    statuses = dict(Comment.objects.values_list("pk", "status"))
    assert [statuses[pk] for pk in chosen] == ["pending", "spam", "approved"]


def test_undo_leaves_a_comment_changed_since_as_it_is(client, therapist):
    comment = make_comment(make_post(), status="pending")
    moved = client.post(f"{QUEUE}{comment.pk}/moderate/approve/")
    token = undo_token(client.get(moved["Location"]).content.decode())
    client.post(f"{QUEUE}{comment.pk}/moderate/spam/")

    response = client.post(QUEUE + "undo/", {"undo": token}, follow=True)

    assert Comment.objects.get(pk=comment.pk).status == "spam"
    assert "Nothing to undo: those comments have changed since." in response.content.decode()


@pytest.mark.parametrize("token", ["", "forged", "eyJiZWZvcmUiOnt9fQ:1abc:xyz"])
def test_a_broken_undo_says_so_and_changes_nothing(client, therapist, token):
    comment = make_comment(make_post(), status="spam")

    response = client.post(QUEUE + "undo/", {"undo": token}, follow=True)

    assert response.status_code == 200
    assert "That Undo no longer works" in response.content.decode()
    assert Comment.objects.get(pk=comment.pk).status == "spam"


def test_undo_needs_the_change_permission_and_a_post(client, therapist):
    assert client.get(QUEUE + "undo/").status_code == 405
    viewer = User.objects.create_user("viewer", is_staff=True)
    client.force_login(viewer)
    assert client.post(QUEUE + "undo/", {"undo": "x"}).status_code == 403


def test_move_offers_only_comments_readers_can_see(client, therapist):
    post = make_post()
    moving = make_comment(post, author_name="Ana", body="Where does this go?")
    seen = make_comment(post, author_name="Ben", body="Visible")
    hidden = [
        make_comment(post, author_name=status.title(), body="Hidden", status=status)
        for status in ("pending", "spam", "removed")
    ]

    html = client.get(f"{QUEUE}{moving.pk}/move/").content.decode()
    refused = client.post(f"{QUEUE}{moving.pk}/move/", {"target": hidden[1].pk})

    options = re.findall(r'<option value="([^"]*)"', html)
    assert options == ["top", str(seen.pk)]
    assert "Select a valid choice" in refused.content.decode()
    assert Comment.objects.get(pk=moving.pk).parent_id is None


def test_the_pages_she_works_in_are_valid_html(client, questions, html_errors):
    question = questions[0]
    moved = client.post(f"{QUEUE}{question.pk}/moderate/spam/")
    pages = {
        "home": client.get("/admin/").content.decode(),
        "undo": client.get(moved["Location"]).content.decode(),
        "unanswered": client.get(QUEUE + "?unanswered=1").content.decode(),
        "reply": client.get(
            f"{QUEUE}{questions[1].pk}/reply/?_changelist_filters=unanswered%3D1"
        ).content.decode(),
        "move": client.get(f"{QUEUE}{questions[1].pk}/move/").content.decode(),
    }

    assert html_errors(pages) == []


def test_with_no_staff_account_every_readers_question_is_unanswered():
    question = make_comment(make_post(), body="Anyone?")
    make_comment(question.post, parent=question, body="Not me")

    assert list(queue.unanswered(Comment.objects.all())) == [question]
    assert queue.unanswered_count() == 1
