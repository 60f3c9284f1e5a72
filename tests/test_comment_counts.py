"""Comment counts by a post's title and in the post lists (comments/templating.py)."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import make_category, make_comment, make_post

pytestmark = pytest.mark.django_db


def talk(html):
    """The line under a post's title: its comment count and the link to the form."""
    return re.search(r'<p class="post__talk">(.*?)</p>', html, re.S).group(1)


def list_counts(html):
    """Each listed post's comment link: (post URL, text shown)."""
    return re.findall(r'<a class="meta__comments" href="([^"#]+)#comments">([^<]+)<', html)


def test_by_the_title_the_count_leads_to_the_thread_and_a_link_to_the_form():
    quiet, one, busy = make_post(), make_post(), make_post()
    make_comment(one)
    for _ in range(12):
        make_comment(busy)
    make_comment(busy, status="pending")
    make_comment(busy, status="spam")

    pages = {
        post: Client().get(post.get_absolute_url()).content.decode() for post in (quiet, one, busy)
    }

    assert '<a class="post__count" href="#comments">No comments yet</a>' in talk(pages[quiet])
    assert '<a class="post__count" href="#comments">1 comment</a>' in talk(pages[one])
    assert '<a class="post__count" href="#comments">12 comments</a>' in talk(pages[busy])
    assert '<a class="post__ask" href="#respond">Ask a question</a>' in talk(pages[busy])
    for html in pages.values():
        assert 'id="comments"' in html and 'id="respond"' in html
        assert html.index('class="post__talk"') < html.index('class="post__body"')


def test_no_ask_link_when_comments_are_closed():
    post = make_post(comments_open=False)
    make_comment(post)

    line = talk(Client().get(post.get_absolute_url()).content.decode())

    assert "1 comment" in line and "Ask a question" not in line


def test_a_staff_preview_has_the_count_but_no_link_to_a_form_it_does_not_show(client):
    post = make_post(published_at=timezone.now() + timedelta(days=3))
    make_comment(post)
    client.force_login(User.objects.create_user("maren", is_staff=True))

    line = talk(client.get(f"/preview/{post.pk}/").content.decode())

    assert "1 comment" in line and "Ask a question" not in line


def test_lists_show_each_posts_approved_count_in_one_query():
    series = make_category()
    now = timezone.now()
    posts = [
        make_post(published_at=now - timedelta(days=n + 1), categories=[series]) for n in range(10)
    ]
    for n, post in enumerate(posts):
        for _ in range(n):
            make_comment(post)
    make_comment(posts[0], status="pending")
    make_comment(posts[1], status="removed")
    year = timezone.localtime(posts[0].published_at).year
    month = timezone.localtime(posts[0].published_at).month
    expected = [
        (post.get_absolute_url(), ["No comments yet", "1 comment"][n] if n < 2 else f"{n} comments")
        for n, post in enumerate(posts)
    ]

    for url in ("/", series.get_absolute_url(), f"/blog/{year}/{month:02d}/", f"/blog/{year}/"):
        with CaptureQueriesContext(connection) as queries:
            html = Client().get(url).content.decode()
        counting = [q["sql"] for q in queries.captured_queries if "comments_comment" in q["sql"]]

        shown = dict(list_counts(html))
        assert [(u, shown[u]) for u, _ in expected if u in shown] == [
            e for e in expected if e[0] in shown
        ], url
        assert len(shown) >= 1 and len(counting) == 1, (url, counting)
    assert list_counts(Client().get("/").content.decode()) == expected


def test_a_list_page_shows_the_new_count_once_a_comment_is_approved(client):
    post = make_post()
    make_comment(post)
    waiting = make_comment(post, status="pending")
    assert list_counts(Client().get("/").content.decode())[0][1] == "1 comment"
    assert talk(Client().get(post.get_absolute_url()).content.decode()).count("1 comment") == 1
    client.force_login(User.objects.create_user("maren", is_staff=True, is_superuser=True))

    client.post(f"/admin/comments/comment/{waiting.pk}/moderate/approve/")

    assert list_counts(Client().get("/").content.decode())[0][1] == "2 comments"
    assert "2 comments" in talk(Client().get(post.get_absolute_url()).content.decode())
