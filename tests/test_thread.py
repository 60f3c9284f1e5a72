import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from align.cache import site
from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def articles(html):
    """(pk, class) of each comment article, in page order."""
    return re.findall(r'<article id="comment-(\d+)" class="([^"]+)">', html)


def test_removed_comment_with_replies_stays_as_a_placeholder(client):
    post = make_post()
    question = make_comment(post, body="Rude words here")
    answer = make_comment(post, parent=question, body="Please keep it kind.")
    lonely = make_comment(post, body="Spam with no replies")
    Comment.objects.filter(pk=question.pk).update(status=Comment.Status.REMOVED)
    Comment.objects.filter(pk=lonely.pk).update(status=Comment.Status.SPAM)

    html = client.get(post.get_absolute_url()).content.decode()

    assert "This comment was removed." in html
    assert "Rude words here" not in html and "Spam with no replies" not in html
    assert [pk for pk, _ in articles(html)] == [str(question.pk), str(answer.pk)]
    assert "1 Comment<" in html
    assert html.index(f'id="comment-{question.pk}"') < html.index("Please keep it kind.")


def test_a_hidden_comment_stays_only_over_an_approved_reply_somewhere_below(client):
    post = make_post()
    gone = make_comment(post, body="Removed, its only reply spam")
    spam_reply = make_comment(post, parent=gone, body="Spam reply")
    top = make_comment(post, body="Removed top")
    middle = make_comment(post, parent=top, body="Pending middle")
    deep = make_comment(post, parent=middle, body="Approved deep")
    root = make_comment(post, body="Root")
    hidden_reply = make_comment(post, parent=root, body="Removed reply")
    its_spam = make_comment(post, parent=hidden_reply, body="Spam under it")
    sibling = make_comment(post, parent=root, body="Approved sibling, not below it")
    Comment.objects.filter(pk__in=[gone.pk, top.pk, hidden_reply.pk]).update(status="removed")
    Comment.objects.filter(pk__in=[spam_reply.pk, its_spam.pk]).update(status="spam")
    Comment.objects.filter(pk=middle.pk).update(status="pending")

    html = client.get(post.get_absolute_url()).content.decode()

    shown = [int(pk) for pk, _ in articles(html)]
    assert shown == [top.pk, middle.pk, deep.pk, root.pk, sibling.pk]
    assert "Pending middle" not in html and "Spam" not in html and "Removed" not in html
    assert client.get(f"/comments/{middle.pk}/").status_code == 302
    for unseen in (gone, spam_reply, hidden_reply, its_spam):
        assert client.get(f"/comments/{unseen.pk}/").status_code == 404


def test_each_comment_shows_when_it_was_written_in_the_practices_time(client):
    post = make_post()
    winter = make_comment(post, body="Winter")
    summer = make_comment(post, body="Summer")
    # Denver: 11:05:09 p.m. the day before in winter (UTC-7), 6:30 a.m. in summer (UTC-6).
    when = {
        winter: datetime(2021, 1, 1, 6, 5, 9, 250_000, tzinfo=UTC),
        summer: datetime(2021, 7, 4, 12, 30, tzinfo=UTC),
    }
    for comment, written in when.items():
        Comment.objects.filter(pk=comment.pk).update(created_at=written)

    html = client.get(post.get_absolute_url()).content.decode()

    assert '<time datetime="2020-12-31T23:05:09-07:00">December 31, 2020 at 11:05 p.m.' in html
    assert '<time datetime="2021-07-04T06:30:00-06:00">July 4, 2021 at 6:30 a.m.' in html


def test_author_replies_carry_a_badge(client):
    post = make_post()
    maren = User.objects.create_user("maren", is_staff=True)
    question = make_comment(post)
    reply = make_comment(post, parent=question, user=maren, author_name="Maren Holt")

    html = client.get(post.get_absolute_url()).content.decode()

    assert (str(reply.pk), "comment depth-1 comment--author") in articles(html)
    assert 'Maren Holt</span> <span class="badge">Author</span>' in html


def test_a_non_staff_user_reply_is_not_an_author_reply(client):
    post = make_post()
    reader = User.objects.create_user("reader")
    make_comment(post, user=reader)

    html = client.get(post.get_absolute_url()).content.decode()

    assert "comment--author" not in html


def test_indentation_stops_after_five_levels_but_nesting_is_kept(client):
    post = make_post()
    parent = None
    chain = []
    for _ in range(8):
        parent = make_comment(post, parent=parent)
        chain.append(parent)

    html = client.get(post.get_absolute_url()).content.decode()

    depths = [cls.split()[1] for _, cls in articles(html)]
    assert depths == [f"depth-{n}" for n in (0, 1, 2, 3, 4, 5, 5, 5)]
    # The replies fold under the top-level comment: the chain closes inside its <details>.
    assert "</article>" * 7 + "</details></article>" in html
    assert chain[-1].level == 7


def test_threads_read_in_date_order(client):
    post = make_post()
    first = make_comment(post, body="First thread")
    second = make_comment(post, body="Second thread")
    early_reply = make_comment(post, parent=first, body="Early reply")
    late_reply = make_comment(post, parent=first, body="Late reply")

    html = client.get(post.get_absolute_url()).content.decode()

    order = [int(pk) for pk, _ in articles(html)]
    assert order == [first.pk, early_reply.pk, late_reply.pk, second.pk]


def fill(post, count):
    roots = []
    for n in range(count):
        if n % 5 < 2 or not roots:
            roots.append(make_comment(post))
        else:
            make_comment(post, parent=roots[-1])


def queries_for(client, post, query=""):
    cache.clear()  # measure the page as it is built, not as it is served from the cache
    site.forget()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(post.get_absolute_url() + query)
    assert response.status_code == 200
    return len(queries)


def test_post_page_query_count_does_not_grow_with_comments(client):
    small, large = make_post(), make_post()
    fill(small, 10)
    fill(large, 500)
    client.get(small.get_absolute_url())  # the CSRF cookie, made once

    small_queries = queries_for(client, small)
    large_queries = queries_for(client, large)
    later_page_queries = queries_for(client, large, "?cpage=3")
    newest_queries = queries_for(client, large, "?corder=newest&cpage=2")

    assert 0 < small_queries == large_queries == later_page_queries == newest_queries
    for query in ("", "?cpage=3", "?corder=newest", "?corder=newest&cpage=3"):
        client.get(large.get_absolute_url() + query)
        with CaptureQueriesContext(connection) as cached:
            html = client.get(large.get_absolute_url() + query).content.decode()
        assert "500 Comments" in html and len(articles(html)) == 100
        assert len(cached) == 0  # the second view comes from the page cache


def test_a_top_level_comments_replies_fold_under_a_summary_open_by_default(client):
    post = make_post()
    question = make_comment(post, body="Question")
    answer = make_comment(post, parent=question)
    make_comment(post, parent=answer)
    make_comment(post, parent=question)
    alone = make_comment(post, body="Nobody answered")
    one = make_comment(post, body="One answer")
    make_comment(post, parent=one)

    html = client.get(post.get_absolute_url()).content.decode()

    summary = (
        '<details class="thread" open><summary><span class="thread__hide">Hide</span>'
        '<span class="thread__show">Show</span> the {}</summary>'
    )
    question_html = html[
        html.index(f'id="comment-{question.pk}"') : html.index(f'id="comment-{alone.pk}"')
    ]
    assert summary.format("3 replies") in question_html
    # Inside the question's article, after its own text and before its first reply.
    assert question_html.index("<details") < question_html.index(f'id="comment-{answer.pk}"')
    assert question_html.endswith("</details></article><article ")
    assert question_html.count("<details") == 1  # replies to replies do not fold apart
    assert summary.format("reply") in html[html.index(f'id="comment-{one.pk}"') :]
    assert html.count('<details class="thread"') == 2
