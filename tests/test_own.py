"""A visitor's own comments awaiting moderation (comments/thread.py): merged into the
thread's rows and drawn in place, on the page built for them alone."""

import re
import time
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from comments import pages, visitor
from comments.forms import Stamp
from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_flood_limit(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0


def own_cookie(*comments):
    """The signed cookie a browser gets after sending these comments."""
    response = HttpResponse()
    value = ",".join(str(comment.pk) for comment in comments)
    visitor.set_cookie(RequestFactory().get("/"), response, visitor.OWN_COOKIE, value, 1)
    return response.cookies[visitor.OWN_COOKIE].value


def visitor_with(*comments):
    client = Client()
    client.cookies[visitor.OWN_COOKIE] = own_cookie(*comments)
    return client


def article(html, comment):
    """The <article> of `comment` in `html`, up to its own closing tag."""
    start = html.index(f'<article id="comment-{comment.pk}" ')
    depth, at = 0, start
    for tag in re.finditer(r"<article |</article>", html[start:]):
        depth += 1 if tag[0] == "<article " else -1
        if depth == 0:
            at = start + tag.end()
            break
    return html[start:at]


@pytest.fixture
def thread():
    post = make_post()
    question = make_comment(post, author_name="Dana", body="Where should I feel it?")
    answer = make_comment(post, parent=question, author_name="Maren", body="In the hip.")
    later = make_comment(post, author_name="Wes", body="One year of mornings!")
    return post, question, answer, later


def test_a_pending_reply_shows_at_the_end_of_its_parents_replies_for_its_writer(thread):
    post, question, answer, _ = thread
    stranger = Client().get(post.get_absolute_url()).content.decode()  # now cached
    mine = make_comment(post, parent=question, status="pending", body="Thank you, Maren!")
    client = visitor_with(mine)

    response = client.get(post.get_absolute_url())

    html = response.content.decode()
    assert "private" in response["Cache-Control"]  # no shared cache keeps their page
    own = article(html, mine)
    assert 'class="comment depth-1 comment--pending"' in own
    assert "Thank you, Maren!" in own and "Your comment is awaiting moderation." in own
    assert "Awaiting moderation</span>" in own
    assert article(html, question).endswith(own + "</details></article>")  # last inside
    assert article(html, answer) in article(html, question).split(own)[0]
    # Nothing else differs, but for the count of the replies that fold under the question.
    assert 'Hide</span><span class="thread__show">Show</span> the 2 replies' in html
    assert html.replace(own, "").replace("the 2 replies", "the reply") == stranger
    assert "0 Comments" not in html and "3 Comments" in html
    assert "Thank you, Maren!" not in Client().get(post.get_absolute_url()).content.decode()


def test_a_new_pending_thread_shows_at_the_end(thread):
    post, *_, later = thread
    mine = make_comment(post, status="pending", body="A question of my own.")
    spam = make_comment(post, status="spam", body="Held back, shown as waiting.")

    html = visitor_with(mine, spam).get(post.get_absolute_url()).content.decode()

    assert html.index(article(html, later)) < html.index(article(html, mine))
    assert html.index(article(html, mine)) < html.index(article(html, spam))
    assert html.index(article(html, spam)) < html.index("</section>", html.index('id="comments"'))
    assert 'class="comment depth-0 comment--pending"' in article(html, spam)
    assert "spam" not in article(html, spam)


def test_own_comments_once_approved_or_removed_are_shown_as_for_everyone(thread, settings):
    settings.COMMENTS_EDIT_MINUTES = 0  # their time to change the approved ones is over
    post, question, answer, _ = thread
    removed = make_comment(post, parent=question, status="removed", body="Taken down.")
    client = visitor_with(answer, removed)

    html = client.get(post.get_absolute_url()).content.decode()

    assert html.count(f'id="comment-{answer.pk}"') == 1
    assert "Taken down." not in html
    assert html == Client().get(post.get_absolute_url()).content.decode()


def test_a_reply_deeper_than_the_indent_names_the_comment_it_answers(thread):
    post, _, answer, _ = thread
    parent = answer
    for n in range(5):
        parent = make_comment(post, parent=parent, author_name=f"Reader {n}", body=f"Level {n}")
    mine = make_comment(post, parent=parent, status="pending", body="Seventh level.")

    html = visitor_with(mine).get(post.get_absolute_url()).content.decode()

    own = article(html, mine)
    assert 'class="comment depth-5 comment--pending"' in own
    assert f'In reply to <a class="in-reply-to" href="#comment-{parent.pk}">Reader 4</a>' in own
    assert article(html, parent).endswith(own + "</article>")


def test_a_waiting_comment_shows_when_it_was_written_in_the_practices_time(thread):
    post, question, *_ = thread
    mine = make_comment(post, parent=question, status="pending", body="Mine")
    # Just after the clocks went forward in Denver (UTC-6 from 2 a.m.).
    written = datetime(2022, 3, 13, 9, 1, 30, 500_000, tzinfo=UTC)
    Comment.objects.filter(pk=mine.pk).update(created_at=written)

    html = visitor_with(mine).get(post.get_absolute_url()).content.decode()

    assert '<time datetime="2022-03-13T03:01:30-06:00">March 13, 2022 at 3:01 a.m.' in article(
        html, mine
    )


def test_on_a_long_thread_the_pending_comment_is_on_its_own_threads_page(monkeypatch):
    monkeypatch.setattr(pages, "PER_PAGE", 2)
    monkeypatch.setattr(pages, "ORPHANS", 0)
    post = make_post()
    first, _, third, _ = [make_comment(post, body=f"Thread {n}") for n in range(4)]
    reply = make_comment(post, parent=first, status="pending", body="On page one.")
    new = make_comment(post, status="pending", body="On the last page.")
    client = visitor_with(reply, new)

    one = client.get(post.get_absolute_url()).content.decode()
    two = client.get(post.get_absolute_url() + "?cpage=2").content.decode()

    assert "On page one." in one and "On the last page." not in one
    assert "On the last page." in two and "On page one." not in two
    assert two.index(article(two, third)) < two.index(article(two, new))
    # Before the links to the other pages, at the end of the thread.
    assert two.index(article(two, new)) < two.rindex('<nav class="comment-pages"')


def test_the_writer_lands_on_the_page_with_the_thank_you_inside_their_comment(client, thread):
    post, question, *_ = thread
    Client().get(post.get_absolute_url())
    fields = {
        "name": "Łukasz",
        "email": "lukasz@example.com",
        "body": "In the outer hip, thank you!",
        "parent": str(question.pk),
        "issued": Stamp(time.time() - 60).signed(),
    }

    landing = client.post(f"/comments/post/{post.pk}/", fields, follow=True).content.decode()
    later_visit = client.get(post.get_absolute_url()).content.decode()

    mine = Comment.objects.get(author_name="Łukasz")
    assert "Your comment is awaiting moderation: it will appear here" in article(landing, mine)
    assert article(landing, question).endswith(article(landing, mine) + "</details></article>")
    assert "In the outer hip, thank you!" in article(later_visit, mine)
    assert "it will appear here" not in later_visit  # the message is shown once


def test_a_returning_commenter_gets_the_strangers_page_without_a_query(client, thread):
    post, *_ = thread
    fields = {
        "name": "Ana",
        "email": "ana@example.com",
        "body": "Saved my details.",
        "save_info": "on",
        "issued": Stamp(time.time() - 60).signed(),
    }
    client.post(f"/comments/post/{post.pk}/", fields, follow=True)
    Comment.objects.get(author_name="Ana").delete()
    # Only the saved details are left (a browser drops the message once shown).
    assert client.cookies[visitor.AUTHOR_COOKIE].value
    del client.cookies[visitor.OWN_COOKIE]
    stranger = Client().get(post.get_absolute_url()).content  # cached again

    with CaptureQueriesContext(connection) as queries:
        page = client.get(post.get_absolute_url()).content

    assert len(queries) == 0
    assert page == stranger


def test_once_the_therapist_approves_it_the_visitor_sees_it_as_everyone_does(thread):
    post, question, *_ = thread
    mine = make_comment(post, parent=question, status="pending", body="Approve me, please.")
    client = visitor_with(mine)
    assert "comment--pending" in client.get(post.get_absolute_url()).content.decode()

    mine.status = Comment.Status.APPROVED
    mine.save()  # as the admin's Approve does

    html = client.get(post.get_absolute_url()).content.decode()
    assert html.count("Approve me, please.") == 1 and "comment--pending" not in html


def test_once_their_comment_is_approved_a_returning_commenter_is_served_from_the_cache(
    thread, settings
):
    settings.COMMENTS_EDIT_MINUTES = 0  # their time to change the approved ones is over
    post, *_ = thread
    mine = make_comment(post, status="pending", body="Approved later.")
    client = visitor_with(mine)
    assert "Approved later." in client.get(post.get_absolute_url()).content.decode()
    mine.status = "approved"
    mine.save()
    stranger = Client().get(post.get_absolute_url()).content  # cached again

    visit = client.get(post.get_absolute_url())  # built for them once more, forgetting it
    with CaptureQueriesContext(connection) as queries:
        again = client.get(post.get_absolute_url())

    assert visit.cookies[visitor.OWN_COOKIE].value == ""  # deleted
    assert len(queries) == 0 and again.content == stranger
    assert "public" in again["Cache-Control"]


def test_a_commenter_keeps_the_comments_still_waiting_and_their_own_page(thread, settings):
    settings.COMMENTS_EDIT_MINUTES = 0  # their time to change the approved ones is over
    post, *_ = thread
    approved = make_comment(post, body="Approved already.")
    waiting = make_comment(post, status="pending", body="Still waiting.")
    client = visitor_with(approved, waiting)

    client.get(post.get_absolute_url())
    with CaptureQueriesContext(connection) as queries:
        html = client.get(post.get_absolute_url()).content.decode()

    kept = RequestFactory().get("/")
    kept.COOKIES = {visitor.OWN_COOKIE: client.cookies[visitor.OWN_COOKIE].value}
    assert visitor.own_comments(kept) == [waiting.pk]
    assert queries.captured_queries and "Still waiting." in html


def test_a_visitor_whose_comment_waits_is_drawn_from_the_thread_everyone_sees(thread):
    post, question, answer, _ = thread
    first = make_comment(post, status="pending", body="First to wait.")
    visitor_with(first).get(post.get_absolute_url())
    mine = make_comment(post, parent=question, status="pending", body="Does it help at night?")
    # A change that sends no signal: the rows everyone sees stay as they were cached.
    Comment.objects.filter(pk=answer.pk).update(body_html="<p>Changed quietly.</p>")

    html = visitor_with(mine).get(post.get_absolute_url()).content.decode()

    assert "In the hip." in article(html, answer) and "Changed quietly." not in html
    assert "Does it help at night?" in article(html, mine)


def test_a_waiting_comment_that_others_see_as_a_placeholder_is_drawn_once(thread):
    post, *_ = thread
    mine = make_comment(post, author_name="Ola", body="My own words.")
    make_comment(post, parent=mine, author_name="Maren", body="An answer to Ola.")
    Comment.objects.filter(pk=mine.pk).update(status="spam")

    html = visitor_with(mine).get(post.get_absolute_url()).content.decode()

    assert html.count(f'id="comment-{mine.pk}"') == 1
    assert "An answer to Ola." in article(html, mine)


def test_a_visitor_whose_comment_waits_gets_their_page_kept_until_the_next_write(thread):
    post, question, *_ = thread
    mine = make_comment(post, parent=question, status="pending", body="Mine, waiting.")
    theirs = make_comment(post, status="pending", body="Theirs, waiting.")
    client = visitor_with(mine)
    first = client.get(post.get_absolute_url())

    with CaptureQueriesContext(connection) as queries:
        again = client.get(post.get_absolute_url())

    # Kept for them: only the check that their comment still waits asks the database.
    assert len(queries) == 1 and again.content == first.content
    other = visitor_with(theirs).get(post.get_absolute_url()).content.decode()
    assert "Mine, waiting." in again.content.decode() and "private" in again["Cache-Control"]
    assert "Mine, waiting." not in other and "Theirs, waiting." in other
    make_comment(post, body="A new answer for everyone.")
    assert "A new answer for everyone." in client.get(post.get_absolute_url()).content.decode()


def send_saving(client, post, **fields):
    """A comment sent with "Save my details" ticked, followed to the page it lands on."""
    data = {
        "name": "Ana",
        "email": "ana@example.com",
        "url": "https://example.org/ana",
        "body": "Saved my details.",
        "save_info": "on",
        "issued": Stamp(time.time() - 60).signed(),
        **fields,
    }
    return client.post(f"/comments/post/{post.pk}/", data, follow=True).content.decode()


def test_a_waiting_comment_says_it_waits_in_one_sentence(client, thread):
    post, question, *_ = thread

    landing = send_saving(client, post, parent=str(question.pk))
    later_visit = client.get(post.get_absolute_url()).content.decode()

    mine = Comment.objects.get(author_name="Ana")
    just_sent = article(landing, mine)
    assert "Thank you! Your comment is awaiting moderation: it will appear here" in just_sent
    assert "Only you can see it" not in just_sent and just_sent.count("awaiting moderation") == 1
    assert "Awaiting moderation</span>" in just_sent  # the label beside the name stays
    waiting = article(later_visit, mine)
    assert "Your comment is awaiting moderation. Only you can see it for now." in waiting
    assert "Thank you" not in waiting and waiting.count("awaiting moderation") == 1
    assert "Awaiting moderation</span>" in waiting


def filled(html):
    """The saved details the page's comment form holds, and whether it keeps saving them."""
    form = html[html.index('id="comment-form"') :]
    values = {
        name: re.search(rf'name="{name}"(?: value="([^"]*)")?', form)[1]
        for name in ("name", "email", "url")
    }
    return values, bool(re.search(r'name="save_info" id="id_save_info" checked', form))


def test_the_page_built_for_a_visitor_fills_the_next_form_with_their_saved_details(thread):
    post, question, *_ = thread
    url = post.get_absolute_url()
    client = Client()
    stranger = Client().get(url).content.decode()  # now cached

    landing = send_saving(client, post)
    reply_page = client.get(f"{url}?replyto={question.pk}").content.decode()
    later_visit = client.get(url).content.decode()

    saved = {"name": "Ana", "email": "ana@example.com", "url": "https://example.org/ana"}
    for html in (landing, reply_page, later_visit):
        assert filled(html) == (saved, True)
    assert "Reply to Dana" in reply_page
    # Everyone else's page stays as it was: nothing of hers in it.
    assert Client().get(url).content.decode() == stranger
    assert filled(stranger) == ({"name": None, "email": None, "url": None}, False)


def test_a_visitor_who_only_saved_their_details_gets_everyones_page_and_reply_page(thread):
    post, question, *_ = thread
    url = post.get_absolute_url()
    client = Client()
    send_saving(client, post)
    Comment.objects.get(author_name="Ana").delete()
    del client.cookies[visitor.OWN_COOKIE]
    assert client.cookies[visitor.AUTHOR_COOKIE].value

    page = client.get(url)
    reply_page = client.get(f"{url}?replyto={question.pk}")

    assert page.content == Client().get(url).content and "public" in page["Cache-Control"]
    assert reply_page.content == Client().get(f"{url}?replyto={question.pk}").content
    assert filled(reply_page.content.decode())[0]["name"] is None
