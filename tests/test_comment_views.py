import re
import time
from datetime import timedelta

import psycopg
import pytest
from django.core import signing
from django.db import connection
from django.utils import timezone
from django.utils.html import escape

from comments.forms import TIMESTAMP_SALT
from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_flood_limit(settings):
    """Tests here post often; the flood tests turn the limit back on."""
    settings.COMMENTS_FLOOD_SECONDS = 0


def issued(seconds_ago=60):
    return signing.dumps(time.time() - seconds_ago, salt=TIMESTAMP_SALT)


def form_data(**fields):
    return {
        "name": "Zoë Åberg",
        "email": "zoe@example.com",
        "url": "",
        "body": "Does the figure four help with sciatica?",
        "parent": "",
        "homepage": "",
        "issued": issued(),
        **fields,
    }


def send(client, post, **fields):
    return client.post(
        f"/comments/post/{post.pk}/", form_data(**fields), REMOTE_ADDR="198.51.100.7"
    )


def page(client, post, **params):
    return client.get(post.get_absolute_url(), params).content.decode()


def test_first_comment_waits_and_only_its_writer_sees_it(client):
    post = make_post()

    response = send(client, post)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert response.status_code == 302
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"
    html = client.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation: it will appear here" in html
    assert f'id="comment-{comment.pk}" class="comment depth-0 comment--pending"' in html
    assert "Does the figure four help with sciatica?" in html
    assert "0 Comments" in html
    client.cookies.clear()
    assert "Does the figure four" not in page(client, post)


def test_approved_comment_is_shown_with_count_and_permalink(client):
    post = make_post()
    comment = make_comment(post, author_name="Ana", author_url="https://example.org/ana")

    html = page(client, post)

    assert "1 Comment<" in html
    assert f'<article id="comment-{comment.pk}" class="comment depth-0">' in html
    assert '<a href="https://example.org/ana" rel="nofollow ugc">Ana</a>' in html
    assert f'href="#comment-{comment.pk}"><time datetime="' in html
    assert f'href="?replyto={comment.pk}#respond"' in html


def test_a_reply_sits_inside_its_parent(client):
    post = make_post()
    question = make_comment(post, body="Question?")
    answer = make_comment(post, parent=question, body="Answer.")
    later = make_comment(post, body="Another thread.")

    html = page(client, post)

    start = html.index(f'id="comment-{question.pk}"')
    inner = html.index(f'id="comment-{answer.pk}"')
    end_of_question = html.index("</article></article>", inner)
    assert start < inner < end_of_question < html.index(f'id="comment-{later.pk}"')
    assert "3 Comments" in html


def test_known_commenter_is_published_at_once(client):
    post = make_post()
    make_comment(post, author_email="zoe@example.com")

    response = send(client, post, email="Zoe@Example.com")

    newest = Comment.objects.latest("created_at")
    assert newest.status == Comment.Status.APPROVED
    html = client.get(response["Location"]).content.decode()
    assert "Thank you! Your comment is published." in html
    assert "2 Comments" in html


def test_reply_link_without_javascript_renders_the_form_for_that_comment(client):
    post = make_post()
    question = make_comment(post, author_name="Liam", body="How long should I hold it?")

    html = page(client, post, replyto=question.pk)

    assert '<h2 id="respond-title">Reply to Liam</h2>' in html
    assert "How long should I hold it?</p></blockquote>" in html
    assert f'name="parent" id="id_parent" value="{question.pk}"' in html


def test_replying_puts_the_reply_under_its_parent(client):
    post = make_post()
    question = make_comment(post, author_email="zoe@example.com")

    send(client, post, parent=str(question.pk), body="Thanks, that helped.")

    reply = Comment.objects.get(body="Thanks, that helped.")
    assert reply.parent == question and reply.tree_id == question.tree_id
    assert reply.status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "Name</a>: This field is required."),
        ({"name": "x" * 81}, "Ensure this value has at most 80 characters (it has 81)."),
        ({"email": "not-an-email"}, "Enter a valid email address."),
        ({"url": "ftp://example.org/"}, "Enter a web address starting with https://."),
        ({"url": "javascript:alert(1)"}, "Enter a web address starting with https://."),
        ({"body": "x"}, "Ensure this value has at least 2 characters (it has 1)."),
        ({"body": "x" * 5001}, "Ensure this value has at most 5000 characters (it has 5001)."),
        ({"body": "Hello\x00there"}, "Null characters are not allowed."),
        ({"body": "Hello\x1bthere"}, "invisible control characters"),
        ({"name": "Bell\x07"}, "invisible control characters"),
    ],
    ids=[
        "no-name",
        "long-name",
        "email",
        "ftp",
        "javascript",
        "short",
        "5001",
        "nul",
        "esc",
        "bel",
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_text_kept(client, fields, message):
    post = make_post()

    response = send(client, post, **fields)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert not Comment.objects.exists()
    body = fields.get("body", form_data()["body"])
    if "\x00" not in body:
        assert f"{escape(body)}</textarea>" in html
    assert 'aria-invalid="true"' in html


@pytest.mark.parametrize("kind", ["missing", "other-post", "pending", "removed", "not-a-number"])
def test_a_parent_that_cannot_be_answered_is_refused_with_a_message(client, kind):
    post = make_post()
    other = make_comment(make_post())
    parents = {
        "missing": "999999",
        "other-post": str(other.pk),
        "pending": str(make_comment(post, status=Comment.Status.PENDING).pk),
        "removed": str(make_comment(post, status=Comment.Status.REMOVED).pk),
        "not-a-number": "abc",
    }

    response = send(client, post, parent=parents[kind], body="My reply text")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Your comment was not sent yet" in html
    assert Comment.objects.filter(body="My reply text").count() == 0
    assert "My reply text</textarea>" in html
    if kind != "not-a-number":
        assert "The comment you are replying to is not available" in html
        assert 'name="parent" id="id_parent" value=""' in html


def test_closed_post_refuses_and_keeps_the_text(client):
    post = make_post(comments_open=False)

    html_before = page(client, post)
    response = send(client, post, body="Is it too late to ask?")

    assert "Comments are closed on this post." in html_before
    assert 'id="comment-form"' not in html_before
    assert response.status_code == 400
    assert "Comments are closed on this post, so this one can" in (response.content.decode())
    assert "Is it too late to ask?</textarea>" in response.content.decode()


def test_a_draft_post_takes_no_comments(client):
    post = make_post(status="draft")

    assert send(client, post).status_code == 404


def test_flood_gets_429_with_the_text_kept(client, settings):
    settings.COMMENTS_FLOOD_SECONDS = 15
    post = make_post()
    send(client, post, body="First one")

    response = send(client, post, body="Second one, quickly", email="other@example.com")

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait a few seconds" in html
    assert "Second one, quickly</textarea>" in html
    assert Comment.objects.count() == 1


def test_flood_window_passes(client, settings):
    settings.COMMENTS_FLOOD_SECONDS = 15
    post = make_post()
    send(client, post, body="First one")
    Comment.objects.update(created_at=timezone.now() - timedelta(seconds=16))

    assert send(client, post, body="Second one").status_code == 302


def test_get_is_not_allowed(client):
    post = make_post()

    assert client.get(f"/comments/post/{post.pk}/").status_code == 405


def test_post_without_csrf_token_is_refused():
    from django.test import Client

    post = make_post()
    client = Client(enforce_csrf_checks=True)

    response = client.post(f"/comments/post/{post.pk}/", form_data())

    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_with_csrf_token_it_goes_through():
    from django.test import Client

    post = make_post()
    client = Client(enforce_csrf_checks=True)
    html = page(client, post)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    response = client.post(f"/comments/post/{post.pk}/", form_data(csrfmiddlewaretoken=token))

    assert response.status_code == 302


def test_details_are_remembered_only_when_asked(client):
    post = make_post()

    send(client, post)
    assert 'value="Zoë Åberg"' not in page(client, post)

    send(client, post, save_info="on", url="https://example.org/zoe")
    html = page(client, post)
    assert 'value="Zoë Åberg"' in html and 'value="zoe@example.com"' in html
    assert 'value="https://example.org/zoe"' in html

    send(client, post)
    assert 'value="Zoë Åberg"' not in page(client, post)


@pytest.mark.parametrize("field", ["name", "email", "url", "body"])
def test_script_in_any_field_is_shown_as_text(client, field):
    post = make_post()
    script = "<script>alert('x')</script>"
    value = {"url": "https://example.org/?q=" + script}.get(field, f"Hi {script}")

    response = send(client, post, **{field: value})
    Comment.objects.update(status=Comment.Status.APPROVED)

    html = page(client, post) if response.status_code == 302 else response.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;" in html or "%3Cscript%3E" in html


@pytest.mark.parametrize(
    "fields",
    [{"homepage": "https://spam.example"}, {"issued": "just now"}, {"issued": "forged"}],
)
def test_spam_is_kept_quiet_from_its_sender(client, fields):
    post = make_post()
    if fields.get("issued") == "just now":
        fields = {"issued": issued(seconds_ago=1)}

    response = send(client, post, **fields)

    comment = Comment.objects.get()
    assert comment.status == Comment.Status.SPAM
    html = client.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation" in html
    client.cookies.clear()
    assert "Does the figure four" not in page(client, post)


def test_unicode_emoji_and_right_to_left_text_survive(client):
    post = make_post()
    make_comment(post, author_email="rtl@example.com")

    send(
        client,
        post,
        name="سارا 🌿",
        email="rtl@example.com",
        body="שלום! התרגיל עזר לי מאוד 🙏\n\nŁukasz says: dzięki.",
    )

    html = page(client, post)
    assert "سارا 🌿" in html
    assert "<p>שלום! התרגיל עזר לי מאוד 🙏</p>\n\n<p>Łukasz says: dzięki.</p>" in html


def test_no_email_or_ip_address_appears_anywhere(client):
    post = make_post()
    make_comment(post, author_email="secret@example.com", ip_address="203.0.113.9")

    html = page(client, post) + client.get(f"/comments/feed/{post.slug}/").content.decode()

    assert "secret@example.com" not in html and "203.0.113.9" not in html


@pytest.mark.skipif(connection.vendor != "postgresql", reason="holds a row lock on PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_database_unavailable_keeps_the_text(client, settings):
    settings.COMMENTS_LOCK_TIMEOUT = 1
    post = make_post()
    params = connection.get_connection_params()
    other = psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"})
    try:
        other.execute("SELECT id FROM blog_post WHERE id = %s FOR UPDATE", [post.pk])

        response = send(client, post, body="Please keep this text safe.")
    finally:
        other.close()

    html = response.content.decode()
    assert response.status_code == 503
    assert "Your comment was not saved yet" in html
    assert "Please keep this text safe.</textarea>" in html
    assert 'value="Zoë Åberg"' in html
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    ("behind_proxy", "expected"), [(False, "10.0.0.2"), (True, "198.51.100.9")]
)
def test_the_commenters_address_is_the_proxys_last_entry_only_behind_the_proxy(
    client, settings, behind_proxy, expected
):
    settings.BEHIND_PROXY = behind_proxy
    post = make_post()

    client.post(
        f"/comments/post/{post.pk}/",
        form_data(),
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.9",  # the first part is the client's
    )

    assert Comment.objects.get().ip_address == expected


def test_a_name_on_two_lines_is_refused(client):
    post = make_post()

    response = send(client, post, name="Ana\nBcc: someone@example.com")

    assert response.status_code == 400
    assert "Please write your name on one line." in response.content.decode()
