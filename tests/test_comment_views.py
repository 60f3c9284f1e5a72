import ipaddress
import re
import threading
import time
from datetime import timedelta

import psycopg
import pytest
from django.contrib.auth.models import User
from django.core import signing
from django.db import connection
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from comments import visitor
from comments.forms import TIMESTAMP_SALT, Stamp
from comments.models import Comment, UsedStamp
from tests.factories import make_comment, make_post
from tests.test_services import on_postgresql

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_flood_limit(settings):
    """Tests here post often; the flood tests turn the limit back on."""
    settings.COMMENTS_FLOOD_SECONDS = 0


def issued(seconds_ago=60):
    return Stamp(time.time() - seconds_ago).signed()


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
    assert f'href="/comments/{comment.pk}/"><time datetime="' in html
    assert f'href="?replyto={comment.pk}#respond"' in html


def test_a_reply_sits_inside_its_parent(client):
    post = make_post()
    question = make_comment(post, body="Question?")
    answer = make_comment(post, parent=question, body="Answer.")
    later = make_comment(post, body="Another thread.")

    html = page(client, post)

    start = html.index(f'id="comment-{question.pk}"')
    inner = html.index(f'id="comment-{answer.pk}"')
    end_of_question = html.index("</article></details></article>", inner)
    assert start < inner < end_of_question < html.index(f'id="comment-{later.pk}"')
    assert "3 Comments" in html


def test_known_commenter_is_published_at_once(client):
    post = make_post()
    make_comment(post, author_name="Zoë Åberg", author_email="zoe@example.com")

    response = send(client, post, email="Zoe@Example.com")

    newest = Comment.objects.latest("created_at")
    assert newest.status == Comment.Status.APPROVED
    html = client.get(response["Location"]).content.decode()
    assert "Thank you! Your comment is published." in html
    assert "2 Comments" in html


@pytest.mark.parametrize(
    ("name", "email"),
    [("Zoë Åberg", "maren@example.com"), ("Mallory", "zoe@example.com")],
    ids=["the-therapists-email", "a-readers-email"],
)
def test_someone_elses_email_does_not_publish_a_comment(client, name, email):
    post = make_post()
    maren = User.objects.create_user("maren", "maren@example.com", is_staff=True)
    make_comment(post, author_name="Maren", author_email="maren@example.com", user=maren)
    make_comment(post, author_name="Zoë Åberg", author_email="zoe@example.com")

    response = send(client, post, name=name, email=email, body="Trust me, I am them.")

    assert Comment.objects.get(body="Trust me, I am them.").status == Comment.Status.PENDING
    html = client.get(response["Location"]).content.decode()
    assert "Your comment is awaiting moderation" in html


def test_reply_link_without_javascript_renders_the_form_for_that_comment(client):
    post = make_post()
    question = make_comment(post, author_name="Liam", body="How long should I hold it?")

    html = page(client, post, replyto=question.pk)

    assert '<h2 id="respond-title">Reply to Liam</h2>' in html
    assert "How long should I hold it?</p></blockquote>" in html
    assert f'name="parent" id="id_parent" value="{question.pk}"' in html


def test_replying_puts_the_reply_under_its_parent(client):
    post = make_post()
    question = make_comment(post, author_name="Zoë Åberg", author_email="zoe@example.com")

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


# Digits int() and str.isdigit() accept besides 0-9.
OTHER_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

NOT_PLAIN_NUMBERS = ["not-a-number", "superscript", "other-digits", "signed", "spaced", "huge"]


@pytest.mark.parametrize(
    "kind", ["missing", "other-post", "pending", "removed", *NOT_PLAIN_NUMBERS]
)
def test_a_parent_that_cannot_be_answered_is_refused_with_a_message(client, kind):
    post = make_post()
    other = make_comment(make_post())
    answerable = str(make_comment(post).pk)
    parents = {
        "missing": "999999",
        "other-post": str(other.pk),
        "pending": str(make_comment(post, status=Comment.Status.PENDING).pk),
        "removed": str(make_comment(post, status=Comment.Status.REMOVED).pk),
        "not-a-number": "abc",
        "superscript": "²",
        "other-digits": answerable.translate(OTHER_DIGITS),
        "signed": f"+{answerable}",
        "spaced": f" {answerable} ",
        "huge": "9" * 30,
    }

    response = send(client, post, parent=parents[kind], body="My reply text")

    html = response.content.decode()
    assert response.status_code == 400
    assert "Your comment was not sent yet" in html
    assert Comment.objects.filter(body="My reply text").count() == 0
    assert "My reply text</textarea>" in html
    assert "The comment you are replying to is not available" in html
    assert 'name="parent" id="id_parent" value=""' in html


@pytest.mark.parametrize("kind", ["superscript", "other-digits", "huge"])
def test_a_reply_link_with_a_number_written_otherwise_is_ignored(client, kind):
    post = make_post()
    question = make_comment(post, author_name="Liam")
    replyto = {
        "superscript": "²",
        "other-digits": str(question.pk).translate(OTHER_DIGITS),
        "huge": "9" * 30,
    }[kind]

    response = client.get(post.get_absolute_url(), {"replyto": replyto})

    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="comment-form"' in html and '<h2 id="respond-title">Reply to Liam' not in html


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


def simultaneously(requests):
    """POSTs each (post, form fields, remote address) at the same moment, each over its own
    database connection; returns the status codes."""
    start = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def send_one(n):
        post, fields, address = requests[n]
        try:
            start.wait()
            response = Client().post(
                f"/comments/post/{post.pk}/", form_data(**fields), REMOTE_ADDR=address
            )
            statuses[n] = response.status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=send_one, args=(n,)) for n in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@on_postgresql
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("shared", ["address", "email"])
def test_simultaneous_comments_from_one_sender_store_one(settings, shared):
    settings.COMMENTS_FLOOD_SECONDS = 15
    # Replies on different posts: nothing else makes these writers wait for each other.
    questions = [make_comment(make_post()) for _ in range(20)]
    requests = [
        (
            question.post,
            {
                "parent": str(question.pk),
                "email": "flood@example.com" if shared == "email" else f"flood{n}@example.com",
            },
            "198.51.100.50" if shared == "address" else f"198.51.100.{n}",
        )
        for n, question in enumerate(questions)
    ]

    statuses = simultaneously(requests)

    assert sorted(statuses) == [302] + [429] * 19
    assert Comment.objects.filter(author_email__startswith="flood").count() == 1


def stamp_in(html):
    return re.search(r'name="issued" value="([^"]+)"', html).group(1)


def test_a_form_sends_one_comment_and_comes_back_to_send_another(client):
    post = make_post()
    stamp = issued()
    send(client, post, issued=stamp, body="The first comment.")

    response = send(client, post, issued=stamp, body="A second one, same form.")

    html = response.content.decode()
    assert response.status_code == 400
    assert "This form was already sent once, so it was not sent again." in html
    assert "A second one, same form.</textarea>" in html
    assert Comment.objects.count() == 1
    again = send(client, post, issued=stamp_in(html), body="A second one, same form.")
    assert again.status_code == 302
    assert Comment.objects.filter(status=Comment.Status.PENDING).count() == 2


@pytest.mark.parametrize("kind", ["open-a-day", "before-nonces"])
def test_a_form_open_too_long_keeps_the_text_and_can_be_sent_again(client, kind):
    post = make_post()
    stamp = {
        "open-a-day": issued(seconds_ago=24 * 3600 + 60),
        "before-nonces": signing.dumps(time.time() - 60, salt=TIMESTAMP_SALT),
    }[kind]

    response = send(client, post, issued=stamp, body="Written yesterday.")

    html = response.content.decode()
    assert response.status_code == 400
    assert "This form was open for more than a day, so it was not sent." in html
    assert "Written yesterday.</textarea>" in html
    assert not Comment.objects.exists()
    again = send(client, post, issued=stamp_in(html), body="Written yesterday.")
    assert again.status_code == 302
    assert Comment.objects.get().status == Comment.Status.PENDING


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_one_stamp_sent_from_many_places_at_once_stores_one_comment():
    post = make_post()
    stamp = issued()
    requests = [
        (post, {"issued": stamp, "email": f"replay{n}@example.com"}, f"203.0.113.{n}")
        for n in range(10)
    ]

    statuses = simultaneously(requests)

    assert sorted(statuses) == [302] + [400] * 9
    assert Comment.objects.count() == 1


def test_used_stamps_are_forgotten_once_too_old_to_send(client):
    old = UsedStamp.objects.create(nonce="old", used_at=timezone.now() - timedelta(hours=25))
    recent = UsedStamp.objects.create(nonce="recent", used_at=timezone.now() - timedelta(hours=23))

    send(client, make_post())

    assert UsedStamp.objects.count() == 2
    assert not UsedStamp.objects.filter(pk=old.pk).exists()
    assert UsedStamp.objects.filter(pk=recent.pk).exists()


def test_the_forms_address_opened_leads_to_the_form_on_the_post_page(client):
    post = make_post()
    draft = make_post(status="draft")

    response = client.get(f"/comments/post/{post.pk}/", follow=True)

    assert response.redirect_chain == [(f"{post.get_absolute_url()}#respond", 302)]
    assert response.status_code == 200 and 'id="comment-form"' in response.content.decode()
    assert client.head(f"/comments/post/{post.pk}/").status_code == 302
    for missing in (draft.pk, 999999):
        assert client.get(f"/comments/post/{missing}/").status_code == 404
    assert client.put(f"/comments/post/{post.pk}/").status_code == 405


def token_in(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def a_browser():
    """A client that checks CSRF tokens and, as browsers do, says where a POST comes from."""
    return Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})


def form_state(client):
    response = client.get("/comments/form-state/")
    assert response.status_code == 200
    return response.json()


def test_a_form_sent_without_a_token_comes_back_to_be_sent_once_more():
    """The page is cached for everyone, so without JavaScript its form has no token yet."""
    post = make_post()
    client = a_browser()
    fields = form_data(name="Ana", email="ana@example.com", body="No script here, just text.")
    del fields["issued"]  # as the cached page's form sends it: no stamp either

    response = client.post(f"/comments/post/{post.pk}/", fields)

    html = response.content.decode()
    assert response.status_code == 400
    assert "please press Post Comment once more to send it" in html
    assert "No script here, just text.</textarea>" in html
    assert 'value="Ana"' in html and 'value="ana@example.com"' in html
    assert not Comment.objects.exists()
    again = client.post(
        f"/comments/post/{post.pk}/",
        {**fields, "csrfmiddlewaretoken": token_in(html), "issued": stamp_in(html)},
    )
    assert again.status_code == 302
    assert Comment.objects.get().body == "No script here, just text."


def test_sent_again_at_once_it_waits_for_moderation_and_is_not_spam(settings):
    settings.COMMENTS_MIN_FORM_SECONDS = 3
    post = make_post()
    make_comment(post, author_name="Zoë Åberg", author_email="zoe@example.com")
    client = a_browser()
    fields = {**form_data(), "issued": ""}
    html = client.post(f"/comments/post/{post.pk}/", fields).content.decode()

    # At once: a person who pressed the button again, not a robot filling in a form.
    client.post(
        f"/comments/post/{post.pk}/",
        {**fields, "csrfmiddlewaretoken": token_in(html), "issued": stamp_in(html)},
    )

    assert Comment.objects.latest("created_at").status == Comment.Status.PENDING


@pytest.mark.parametrize("origin", ["https://elsewhere.example", "null", "http://testserver.evil"])
def test_a_post_from_another_site_is_refused_even_with_a_token(origin):
    post = make_post()
    client = Client(enforce_csrf_checks=True)
    token = form_state(client)["fields"]["csrfmiddlewaretoken"]

    response = client.post(
        f"/comments/post/{post.pk}/", form_data(csrfmiddlewaretoken=token), HTTP_ORIGIN=origin
    )

    assert response.status_code == 403
    assert 'id="comment-form"' not in response.content.decode()
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "headers",
    [{}, {"Referer": "http://elsewhere.example/page/"}, {"Referer": "https://testserver/"}],
    ids=["nothing", "another-site", "another-scheme"],
)
def test_without_a_token_a_post_not_shown_to_come_from_here_is_refused(headers):
    """Over plain HTTP Django checks no Referer: a form comes back only to its own site."""
    post = make_post()
    client = Client(enforce_csrf_checks=True, headers=headers)

    response = client.post(f"/comments/post/{post.pk}/", form_data())

    assert response.status_code == 403
    assert 'id="comment-form"' not in response.content.decode()


def test_without_a_token_a_post_with_a_referer_from_here_comes_back():
    post = make_post()
    client = Client(enforce_csrf_checks=True, headers={"Referer": "http://testserver/x/"})

    response = client.post(f"/comments/post/{post.pk}/", form_data())

    assert response.status_code == 400
    assert "please press Post Comment once more" in response.content.decode()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({"Referer": "https://testserver/x/"}, 400),
        ({"Referer": "http://testserver/x/"}, 403),
        ({"Referer": "https://elsewhere.example/page/"}, 403),
        ({}, 403),
    ],
    ids=["from-here", "from-plain-http", "another-site", "nothing"],
)
def test_over_https_without_a_token_only_a_post_from_here_comes_back(headers, status):
    post = make_post()
    client = Client(enforce_csrf_checks=True, headers=headers)

    response = client.post(f"/comments/post/{post.pk}/", form_data(), secure=True)

    assert response.status_code == status
    assert ('id="comment-form"' in response.content.decode()) == (status == 400)
    assert not Comment.objects.exists()


def test_another_form_sent_from_here_without_a_token_is_refused():
    """Only the comment form comes back to be sent once more."""
    client = Client(enforce_csrf_checks=True, headers={"Origin": "http://testserver"})

    response = client.post("/admin/login/", {"username": "therapist", "password": "x"})

    assert response.status_code == 403
    assert "CSRF verification failed" in response.content.decode()


def test_a_post_from_another_site_without_a_token_gets_no_form_back():
    post = make_post()

    response = Client(enforce_csrf_checks=True).post(
        f"/comments/post/{post.pk}/", form_data(), HTTP_ORIGIN="https://elsewhere.example"
    )

    assert response.status_code == 403
    assert "Does the figure four" not in response.content.decode()


def test_with_the_token_from_form_state_it_goes_through():
    post = make_post()
    client = Client(enforce_csrf_checks=True)
    fields = form_state(client)["fields"]

    response = client.post(
        f"/comments/post/{post.pk}/", form_data(**fields), HTTP_ORIGIN="http://testserver"
    )

    assert response.status_code == 302


def test_details_are_remembered_only_when_asked(client):
    post = make_post()

    send(client, post)
    assert form_state(client)["saved"] == {}

    send(client, post, save_info="on", url="https://example.org/zoe")
    saved = {"name": "Zoë Åberg", "email": "zoe@example.com", "url": "https://example.org/zoe"}
    assert form_state(client)["saved"] == saved
    assert 'value="Zoë Åberg"' in page(client, post)  # the page after sending is hers
    for name in ("messages", visitor.OWN_COOKIE):  # only her saved details left
        client.cookies.pop(name, None)
    assert 'value="Zoë Åberg"' not in page(client, post)  # the page is everyone's

    send(client, post)
    assert form_state(client)["saved"] == {}


def test_without_javascript_saved_details_fill_the_form_sent_back():
    post = make_post()
    client = a_browser()
    fields = form_state(client)["fields"]
    client.post(
        f"/comments/post/{post.pk}/",
        form_data(**fields, save_info="on", url="https://example.org/zoe"),
    )
    blank = form_data(name="", email="", url="", issued="", body="Back again, no script.")

    html = client.post(f"/comments/post/{post.pk}/", blank).content.decode()

    assert 'value="Zoë Åberg"' in html and 'value="zoe@example.com"' in html
    assert 'value="https://example.org/zoe"' in html
    assert re.search(r'name="save_info" id="id_save_info" checked', html)
    assert "Back again, no script.</textarea>" in html
    assert "This field is required" not in html


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
    assert response["Retry-After"] == "30"
    assert "Your comment was not saved yet" in html
    assert "Please keep this text safe.</textarea>" in html
    assert 'value="Zoë Åberg"' in html
    assert not Comment.objects.exists()


def send_through(client, post, remote, forwarded):
    return client.post(
        f"/comments/post/{post.pk}/",
        form_data(),
        REMOTE_ADDR=remote,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        # Caddy at 10.0.0.2 adds the address it saw; the client may have sent one of its own.
        ("10.0.0.2", "203.0.113.66, 198.51.100.9", "198.51.100.9"),
        ("10.0.0.2", "203.0.113.66, 198.51.100.9, 10.0.0.3", "198.51.100.9"),
        ("10.0.0.2", "2001:db8::9", "2001:db8::9"),
        ("10.0.0.2", "::ffff:198.51.100.9", "198.51.100.9"),
        # Anyone else reaching gunicorn directly: the header proves nothing.
        ("192.0.2.50", "198.51.100.9", "192.0.2.50"),
    ],
)
def test_the_commenters_address_is_believed_only_from_our_proxies(
    client, settings, remote, forwarded, expected
):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)
    post = make_post()

    send_through(client, post, remote, forwarded)

    assert Comment.objects.get().ip_address == expected


@pytest.mark.parametrize(
    "forwarded",
    ["garbage", "1.2.3.4:5678", "[2001:db8::1]:80", "fe80::1%eth0", "198.51.100.9, ", "x" * 300],
)
def test_an_unreadable_forwarded_address_falls_back_to_the_proxys(client, settings, forwarded):
    settings.BEHIND_PROXY = True
    settings.TRUSTED_PROXIES = (ipaddress.ip_network("10.0.0.0/8"),)
    post = make_post()

    response = send_through(client, post, "10.0.0.2", forwarded)

    assert response.status_code == 302
    assert Comment.objects.get().ip_address == "10.0.0.2"


def test_a_name_on_two_lines_is_refused(client):
    post = make_post()

    response = send(client, post, name="Ana\nBcc: someone@example.com")

    assert response.status_code == 400
    assert "Please write your name on one line." in response.content.decode()
