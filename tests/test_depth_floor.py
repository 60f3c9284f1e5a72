"""Threads with a floor: replies go COMMENTS_MAX_DEPTH levels deep at most, and a thread
longer than a few pages is cut into comment pages of its own."""

import re
from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from align.cache import site
from comments import pages, services
from comments.models import Comment
from tests.factories import make_comment, make_post
from tests.test_comment_views import form_data

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


@pytest.fixture(autouse=True)
def no_flood_limit(settings):
    settings.COMMENTS_FLOOD_SECONDS = 0


def chain(post, depth):
    """`depth` comments, each answering the one before: levels 0 to depth - 1."""
    comments = [make_comment(post, author_name="Ann")]
    for n in range(1, depth):
        comments.append(make_comment(post, parent=comments[-1], author_name=f"Reader {n}"))
    return comments


def send(client, post, **fields):
    response = client.post(
        f"/comments/post/{post.pk}/", form_data(**fields), REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == 302
    return response


def test_a_reply_to_the_deepest_level_comes_last_at_that_level_and_says_so(client):
    post = make_post()
    comments = chain(post, 10)
    deepest = comments[-1]
    later = make_comment(post, parent=comments[-2], author_name="Later")

    response = send(client, post, parent=str(deepest.pk), body="Thank you, that helped.")

    reply = Comment.objects.get(body="Thank you, that helped.")
    assert reply.level == 9 and reply.parent == comments[-2]
    assert list(Comment.objects.get(pk=comments[-2].pk).get_children()) == [deepest, later, reply]
    html = client.get(response["Location"]).content.decode()
    mine = html[html.index(f'<article id="comment-{reply.pk}"') :]
    assert (
        "Threads here go 10 levels deep, so your reply to Reader 9 comes last at the level"
        in (mine[: mine.index("</article>")])
    )


def test_a_reply_above_the_deepest_level_goes_inside_the_comment_it_answers(client):
    post = make_post()
    comments = chain(post, 9)

    response = send(client, post, parent=str(comments[-1].pk), body="One level down.")

    reply = Comment.objects.get(body="One level down.")
    assert reply.level == 9 and reply.parent == comments[-1]
    assert "levels deep" not in client.get(response["Location"]).content.decode()


def test_the_depth_comes_from_the_settings_and_zero_turns_the_floor_off(client, settings):
    post = make_post()
    comments = chain(post, 4)
    settings.COMMENTS_MAX_DEPTH = 3
    send(client, post, parent=str(comments[-1].pk), body="Three levels at most.")
    settings.COMMENTS_MAX_DEPTH = 0
    send(client, post, parent=str(comments[-1].pk), body="No floor at all.")

    assert Comment.objects.get(body="Three levels at most.").parent == comments[1]
    assert Comment.objects.get(body="No floor at all.").parent == comments[-1]


def test_the_therapists_reply_and_moves_keep_the_floor_too(client, therapist):
    post = make_post()
    comments = chain(post, 10)
    answer = make_comment(post, author_name="Ben")
    make_comment(post, parent=answer, author_name="Cleo")

    client.post(f"{QUEUE}{comments[-1].pk}/reply/", {"body": "Keep going gently."})
    refused = client.post(f"{QUEUE}{answer.pk}/move/", {"target": comments[-2].pk})
    lifted = client.post(f"{QUEUE}{comments[-1].pk}/move/", {"target": comments[0].pk})

    reply = Comment.objects.get(user=therapist)
    assert reply.level == 9 and reply.parent == comments[-2]
    assert "Threads go 10 levels deep: under Reader 8’s comment" in refused.content.decode()
    assert Comment.objects.get(pk=answer.pk).level == 0
    assert lifted.status_code == 302 and Comment.objects.get(pk=comments[-1].pk).level == 1


def long_thread(post, replies):
    """One thread: a question with `replies` answers, every tenth answered in turn."""
    when = post.published_at

    def node(n, children=()):
        return {
            "author_name": f"Reader {n}",
            "author_email": f"reader{n}@example.com",
            "body": f"Answer {n}.",
            "body_html": f"<p>Answer {n}.</p>",
            "status": Comment.Status.APPROVED,
            "created_at": when + timedelta(minutes=n),
            "children": list(children),
        }

    answers = [node(n, [node(1000 + n)] if n % 10 == 1 else []) for n in range(1, replies + 1)]
    services.add_trees(post, [node(0, answers)])


def built(client, url, query):
    """The page at `url` as it is built, not served from the cache: (its HTML, how many
    queries it took)."""
    cache.clear()
    site.forget()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, query)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


@pytest.mark.parametrize("newest", [False, True], ids=["oldest-first", "newest-first"])
def test_one_long_thread_is_cut_into_pages_that_hold_every_comment_once(client, newest):
    post = make_post()
    make_comment(post, author_name="Before")
    long_thread(post, 600)
    make_comment(post, author_name="After")
    comments = Comment.objects.filter(post=post)
    url = post.get_absolute_url()
    order = {"corder": "newest"} if newest else {}

    html = client.get(url, order).content.decode()
    count = int(re.search(r"Page 1 of (\d+)", html)[1])
    short = make_post()
    make_comment(short)
    drawn, queries = {}, []
    for number in range(1, count + 1):
        html, asked = built(client, url, {**order, **({"cpage": number} if number > 1 else {})})
        queries.append(asked)
        thread = html[html.index('id="comments"') : html.index('id="respond"')]
        assert len(re.findall(r'<article id="comment-', thread)) <= pages.PER_PAGE + 2
        for pk in re.findall(r'<article id="comment-(\d+)"', thread):
            assert int(pk) not in drawn
            drawn[int(pk)] = number

    assert count >= 6 and len(drawn) == comments.count()
    # However many comments: one query more for where a long thread is cut, and one where a
    # page reads whom its first replies answer.
    assert max(queries) <= built(client, short.get_absolute_url(), {})[1] + 2
    for comment in comments:
        landing = pages.comment_url(comment, newest)
        shown = drawn[comment.pk]
        assert landing == pages.page_url(post, shown, f"#comment-{comment.pk}", newest)
    last = comments.order_by("tree_id", "lft")[600]
    response = client.get(last.get_absolute_url(), order)
    assert response["Location"] == pages.page_url(
        post, drawn[last.pk], f"#comment-{last.pk}", newest
    )


def test_a_long_thread_is_cut_where_a_page_is_full():
    lfts = list(range(2, 802, 2))  # where the thread's 400 approved replies are
    places = [(lft, 1000 + lft) for lft in lfts]
    layout = pages.split([(1, 10), (2, 400), (3, 5)], places={2: places})

    assert layout.starts == ()
    assert layout.cuts == tuple((2, *places[at]) for at in (90, 190, 290))
    assert layout.count == 4 and layout.trees(2) == (2, 3) and layout.trees(4) == (2, None)
    assert [layout.page_of(2, lft) for lft in (1, lfts[89], lfts[90], lfts[399])] == [1, 1, 2, 4]
    assert layout.page_of(3) == 4  # the five after it are too few for a page of their own


def test_a_held_reply_inside_a_long_thread_moves_no_comment_to_another_page(client):
    post = make_post()
    long_thread(post, 400)
    url = post.get_absolute_url()
    cached = client.get(url).content.decode()  # page 1, kept in the cache as it is
    early = Comment.objects.get(author_name="Reader 1")
    first_cut = pages.layout(post).cuts[0]
    before_cut = Comment.objects.filter(post=post, lft__lt=first_cut[1]).order_by("lft").last()

    make_comment(post, parent=early, status="pending")  # every lft after it moves on

    drawn = re.findall(r'<article id="comment-(\d+)"', cached)
    for number in range(2, pages.layout(post).count + 1):
        html = client.get(url, {"cpage": number}).content.decode()
        drawn += re.findall(r'<article id="comment-(\d+)"', html)
    approved = Comment.objects.filter(post=post, status="approved").order_by("lft")
    assert drawn == [str(pk) for pk in approved.values_list("pk", flat=True)]
    landing = client.get(before_cut.get_absolute_url())["Location"]
    assert landing == f"{url}#comment-{before_cut.pk}"
