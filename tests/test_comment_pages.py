"""A long thread in pages (comments/pages.py), comment permalinks, and where a visitor
lands after sending a comment."""

import re
import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from comments import pages
from comments.forms import Stamp
from comments.models import Comment
from demo.threads import generate
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_flood_limit(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0


def articles(html):
    return [int(pk) for pk in re.findall(r'<article id="comment-(\d+)"', html)]


def send(client, post, **fields):
    data = {
        "name": "Zoë",
        "email": "zoe@example.com",
        "body": "Does the figure four help with sciatica?",
        "issued": Stamp(time.time() - 60).signed(),
        **fields,
    }
    return client.post(f"/comments/post/{post.pk}/", data, REMOTE_ADDR="198.51.100.7")


@pytest.fixture
def long_post():
    post = make_post(title="A thousand questions")
    generate(post, 1000, seed=1000)
    return post


def test_splitting_keeps_threads_whole_and_a_short_tail_on_the_last_page():
    assert pages.split([(1, 60), (2, 50), (3, 10)]) == pages.Layout((), 120, 3)
    layout = pages.split([(1, 60), (2, 50), (3, 30), (4, 10)])
    assert layout == pages.Layout((3,), 150, 4) and layout.count == 2
    assert [layout.page_of(tree) for tree in (1, 2, 3, 4, 99)] == [1, 1, 2, 2, 2]
    assert layout.trees(1) == (None, 3) and layout.trees(2) == (3, None)
    assert pages.split([]) == pages.Layout((), 0)


def test_newest_first_the_pages_are_split_from_the_newest_thread_back():
    layout = pages.split([(1, 10), (2, 30), (3, 50), (4, 60)], newest=True)
    assert layout == pages.Layout((2,), 150, 4, newest=True) and layout.count == 2
    # The newest threads fill page 1; a thread newer than all (a visitor's own) is on it.
    assert [layout.page_of(tree) for tree in (99, 4, 3, 2, 1)] == [1, 1, 1, 2, 2]
    assert layout.trees(1) == (3, None) and layout.trees(2) == (None, 3)
    three = pages.split([(n, 100) for n in range(1, 4)], newest=True)
    assert three.starts == (2, 1)
    assert [three.trees(n) for n in (1, 2, 3)] == [(3, None), (2, 3), (None, 2)]


@pytest.fixture
def pages_of_two(monkeypatch):
    """Pages of two comments, no orphans kept: a thread of three comments is two pages."""
    monkeypatch.setattr(pages, "PER_PAGE", 2)
    monkeypatch.setattr(pages, "ORPHANS", 0)


def test_a_first_page_longer_than_a_page_is_shown_whole(client, pages_of_two):
    post = make_post()
    alone = make_comment(post)
    long_thread = [make_comment(post)]
    for _ in range(4):
        long_thread.append(make_comment(post, parent=long_thread[-1]))
    last = make_comment(post)

    one = client.get(post.get_absolute_url()).content.decode()
    two = client.get(post.get_absolute_url() + "?cpage=2").content.decode()

    assert articles(one) == [alone.pk, *(comment.pk for comment in long_thread)]
    assert articles(two) == [last.pk]
    assert "7 Comments<" in one and "7 comments</a>" in one


def test_hidden_comments_held_up_by_replies_do_not_count_towards_a_page(client, pages_of_two):
    post = make_post()
    removed = make_comment(post)
    reply = make_comment(post, parent=removed)
    other = make_comment(post)
    Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)

    html = client.get(post.get_absolute_url()).content.decode()

    assert articles(html) == [removed.pk, reply.pk, other.pk]
    assert "This comment was removed." in html and "2 Comments<" in html
    assert 'class="comment-pages"' not in html
    assert client.get(post.get_absolute_url() + "?cpage=2").status_code == 404


def test_a_thousand_comments_come_in_light_pages_that_hold_them_all(client, long_post):
    url = long_post.get_absolute_url()
    first = client.get(url)
    html = first.content.decode()
    count = int(re.search(r"Page 1 of (\d+)", html)[1])

    assert len(first.content) < 250 * 1024
    assert "1000 Comments" in html
    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert f'<a href="{url}?cpage=2#comments">' in html
    assert f'href="{url}?cpage=1#' not in html  # page 1 has one address, without a number
    assert f'<a href="{url}#comments" aria-current="page">' in html
    seen = articles(html)
    for number in range(2, count + 1):
        page = client.get(f"{url}?cpage={number}").content.decode()
        assert f'href="http://testserver{url}?cpage={number}">' in page  # canonical
        assert f'aria-current="page"><span class="visually-hidden">Page </span>{number}<' in page
        seen += articles(page)
    comments = list(long_post.comments.order_by("tree_id", "lft").values_list("pk", flat=True))
    assert seen == comments  # every comment once, in thread order, oldest first
    assert 5 <= count <= 12


def test_a_thread_with_its_replies_is_never_cut_between_pages(client, long_post):
    url = long_post.get_absolute_url()
    for number in (1, 2):
        html = client.get(f"{url}?cpage={number}" if number > 1 else url).content.decode()
        pks = set(articles(html))
        trees = Comment.objects.filter(pk__in=pks).values_list("tree_id", flat=True)
        assert Comment.objects.filter(tree_id__in=trees).count() == len(pks)


@pytest.mark.parametrize(
    "query", ["cpage=0", "cpage=abc", "cpage=02", "cpage=%C2%B2", "cpage=2&cpage=3", "cpage=99",
              "cpage=", "cpage=-2", "cpage=99999999999999999999999"],
)  # fmt: skip
def test_a_comment_page_not_written_as_its_links_write_it_is_not_found(client, long_post, query):
    assert client.get(f"{long_post.get_absolute_url()}?{query}").status_code == 404


def test_comment_page_one_has_one_address_and_other_pages_have_none(client, long_post):
    url = long_post.get_absolute_url()
    response = client.get(f"{url}?cpage=1")
    assert response.status_code == 301 and response["Location"] == url
    assert client.get("/?cpage=2").status_code == 404
    short = make_post()
    make_comment(short)
    assert client.get(f"{short.get_absolute_url()}?cpage=2").status_code == 404


def test_a_permalink_leads_to_the_page_holding_the_comment(client, long_post):
    url = long_post.get_absolute_url()
    early = long_post.comments.order_by("tree_id", "lft").first()
    late = long_post.comments.order_by("tree_id", "lft").last()
    count = pages.layout(long_post).count

    assert early.get_absolute_url() == f"/comments/{early.pk}/"
    response = client.get(early.get_absolute_url())
    assert response.status_code == 302 and response["Location"] == f"{url}#comment-{early.pk}"
    response = client.get(late.get_absolute_url())
    assert response["Location"] == f"{url}?cpage={count}#comment-{late.pk}"
    page = client.get(response["Location"]).content.decode()
    assert f'<article id="comment-{late.pk}"' in page
    # The date of each comment links to its permalink.
    assert f'<a class="comment__permalink" href="/comments/{late.pk}/"><time' in page


def test_only_what_readers_see_has_a_permalink(client):
    post = make_post()
    removed = make_comment(post, body="Removed, with an answer")
    answer = make_comment(post, parent=removed)
    hidden = {
        status: make_comment(post, status=status)
        for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED)
    }
    Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)
    draft = make_post(status="draft")
    on_draft = make_comment(draft)
    scheduled = make_post(published_at=timezone.now() + timedelta(days=2))
    on_scheduled = make_comment(scheduled)

    assert client.get(f"/comments/{removed.pk}/")["Location"].endswith(f"#comment-{removed.pk}")
    assert client.get(f"/comments/{answer.pk}/").status_code == 302
    for comment in [*hidden.values(), on_draft, on_scheduled]:
        assert client.get(f"/comments/{comment.pk}/").status_code == 404
    for missing in ("999999", "99999999999999999999999"):
        assert client.get(f"/comments/{missing}/").status_code == 404


def test_every_reply_at_any_depth_says_whom_it_answers(client):
    post = make_post()
    parent, chain = None, []
    for n in range(8):
        parent = make_comment(post, parent=parent, author_name=f"Writer {n}")
        chain.append(parent)
    removed = make_comment(post, author_name="Gone")
    answer = make_comment(post, parent=removed, author_name="Left")
    Comment.objects.filter(pk=removed.pk).update(status=Comment.Status.REMOVED)

    html = client.get(post.get_absolute_url()).content.decode()

    named = re.findall(
        r'In reply to <a class="in-reply-to" href="#comment-(\d+)">([^<]+)</a>', html
    )
    expected = [(str(chain[n].pk), f"Writer {n}") for n in range(7)]
    assert named == [*expected, (str(removed.pk), "an earlier comment")]
    for n in range(1, 8):  # under each reply's own header, before its text
        start = html.index(f'id="comment-{chain[n].pk}"')
        to = html.index("In reply to", start)
        assert to < html.index('class="comment__body"', start)
    assert "Gone" not in html and "Left" in html and answer.level == 1


def test_a_reply_from_a_later_page_lands_on_that_page_inside_its_comment(client, long_post):
    url = long_post.get_absolute_url()
    late = long_post.comments.order_by("tree_id", "lft").last()
    count = pages.layout(long_post).count
    html = client.get(f"{url}?cpage={count}").content.decode()
    # Without JavaScript, "Reply" keeps the page the visitor is on.
    assert f'href="?cpage={count}&amp;replyto={late.pk}#respond"' in html

    response = send(client, long_post, parent=str(late.pk))

    reply = Comment.objects.get(author_email="zoe@example.com")
    assert response["Location"] == f"{url}?cpage={count}#comment-{reply.pk}"
    html = client.get(response["Location"]).content.decode()
    mine = html[html.index(f'<article id="comment-{reply.pk}"') :]
    assert mine.index('role="status"') < mine.index("</article>")
    assert "Your comment is awaiting moderation: it will appear here" in mine
    assert '<span class="badge badge--pending">Awaiting moderation</span>' in mine
    assert "Thank you" not in html[: html.index('id="comments"')]  # not at the top
    again = client.get(response["Location"]).content.decode()
    assert "Thank you" not in again  # said once
    assert '<span class="badge badge--pending">Awaiting moderation</span>' in again


def test_a_published_comment_is_confirmed_inside_it(client):
    post = make_post()
    make_comment(post, author_name="Zoë", author_email="zoe@example.com")  # known: published

    response = send(client, post)

    comment = Comment.objects.get(
        author_email="zoe@example.com", parent=None, body__contains="figure"
    )
    assert comment.status == Comment.Status.APPROVED
    html = client.get(response["Location"]).content.decode()
    start = html.index(f'<article id="comment-{comment.pk}"')
    note = html.index("Thank you! Your comment is published.")
    assert start < note < html.index("</article>", start)
    assert "Thank you" not in html[:start]


def test_a_new_thread_of_ones_own_waits_on_the_last_page(client, long_post):
    count = pages.layout(long_post).count

    response = send(client, long_post)

    assert response["Location"].startswith(f"{long_post.get_absolute_url()}?cpage={count}#")


def test_a_comment_with_errors_comes_back_at_the_form(client):
    post = make_post()
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'action="/comments/post/{post.pk}/#respond"' in html

    response = send(client, post, email="not an address")

    html = response.content.decode()
    assert response.status_code == 400
    respond = html.index('id="respond"')
    assert respond < html.index('id="form-errors"') < html.index('id="comment-form"')
    assert '<a href="#id_email">' in html


def test_a_staff_preview_reads_comment_pages_strictly(client, long_post):
    client.force_login(User.objects.create_user("maren", is_staff=True))
    long_post.published_at = timezone.now() + timedelta(days=3)
    long_post.save()

    assert client.get(f"/preview/{long_post.pk}/?cpage=2").status_code == 200
    assert client.get(f"/preview/{long_post.pk}/?cpage=x").status_code == 404


def test_newest_first_the_threads_come_in_reverse_in_pages_of_their_own(client, long_post):
    url = long_post.get_absolute_url()
    oldest = pages.layout(long_post)
    newest = pages.layout(long_post, newest=True)
    first = client.get(f"{url}?corder=newest").content.decode()
    count = int(re.search(r"Page 1 of (\d+), newest comments first", first)[1])

    assert count == newest.count and newest.total == oldest.total == 1000
    assert f'<link rel="canonical" href="http://testserver{url}?corder=newest">' in first
    assert f'<a href="{url}?corder=newest&amp;cpage=2#comments">' in first
    assert f'<a href="{url}?corder=newest#comments" aria-current="true">Newest first</a>' in first
    assert f'<a href="{url}#comments">Oldest first</a>' in first
    assert ">Older comments</a>" in first and "Later comments" not in first
    seen = articles(first)
    for number in range(2, count + 1):
        page = client.get(f"{url}?corder=newest&cpage={number}").content.decode()
        assert f'href="http://testserver{url}?corder=newest&amp;cpage={number}">' in page
        assert ">Newer comments</a>" in page
        seen += articles(page)
    by_tree = {}
    for pk, tree in long_post.comments.order_by("tree_id", "lft").values_list("pk", "tree_id"):
        by_tree.setdefault(tree, []).append(pk)
    # Every comment once: the threads newest first, each one's replies in their own order.
    assert seen == [pk for tree in sorted(by_tree, reverse=True) for pk in by_tree[tree]]
    # Page 1 is full; the short page is the oldest.
    assert len(articles(first)) >= pages.PER_PAGE


def test_newest_first_links_and_the_form_keep_the_order(client, long_post):
    url = long_post.get_absolute_url()
    newest = pages.layout(long_post, newest=True)
    late = long_post.comments.order_by("tree_id", "lft").first()  # the oldest thread
    page = newest.page_of(late.tree_id)
    where = f"?corder=newest&cpage={page}"
    html = client.get(f"{url}{where}").content.decode()

    assert page == newest.count > 1
    assert f'href="{where.replace("&", "&amp;")}&amp;replyto={late.pk}#respond"' in html
    assert f'<a class="comment__permalink" href="/comments/{late.pk}/?corder=newest">' in html
    permalink = client.get(f"/comments/{late.pk}/?corder=newest")
    assert permalink["Location"] == f"{url}{where}#comment-{late.pk}"
    assert client.get(f"/comments/{late.pk}/?corder=sideways")["Location"] == (
        f"{url}#comment-{late.pk}"
    )
    reply_page = client.get(f"{url}{where}&replyto={late.pk}").content.decode()
    assert '<input type="hidden" name="corder" value="newest">' in reply_page

    response = send(client, long_post, parent=str(late.pk), corder="newest")

    reply = Comment.objects.get(author_email="zoe@example.com")
    assert response["Location"] == f"{url}{where}#comment-{reply.pk}"
    # A form sent back with a fault shows the thread in the order it was read in.
    sent_back = send(client, long_post, email="not an address", corder="newest")
    assert "Page 1 of" in sent_back.content.decode()
    assert "newest comments first" in sent_back.content.decode()


@pytest.mark.parametrize(
    ("query", "canonical"),
    [
        ("corder=oldest", ""),
        ("corder=", ""),
        ("corder=NEWEST", ""),
        ("corder=sideways&cpage=2", "?cpage=2"),
        ("corder=newest&corder=newest", ""),
        ("corder=%00", ""),
        ("cpage=2&corder=newest", "?corder=newest&cpage=2"),
    ],
)
def test_an_order_not_written_as_its_links_write_it_leads_to_the_canonical_page(
    client, long_post, query, canonical
):
    url = long_post.get_absolute_url()

    response = client.get(f"{url}?{query}")

    assert response.status_code == 301 and response["Location"] == f"{url}{canonical}"
    assert client.get(response["Location"]).status_code == 200


def test_the_order_has_one_address_on_pages_without_comments_too(client):
    assert client.get("/?corder=newest")["Location"] == "/"
    assert client.get("/?corder=newest&page=2")["Location"] == "/?page=2"


def test_the_order_is_offered_once_there_are_threads_to_order(client):
    post = make_post()
    question = make_comment(post)
    make_comment(post, parent=question)
    assert 'aria-label="Comment order"' not in client.get(post.get_absolute_url()).content.decode()

    make_comment(post)

    assert 'aria-label="Comment order"' in client.get(post.get_absolute_url()).content.decode()
