"""A million comments: bulk threads with sound trees, and an admin that never counts or
scans them all per page view. (Timings are bench/scale.py's; nothing here is timed.)"""

import re

import pytest
from django.db import DataError, connection
from django.test.utils import CaptureQueriesContext

from comments import services, trees
from comments.models import Comment
from comments.queue import EstimatedCountPaginator
from tests.factories import make_comment, make_post
from tests.test_services import on_postgresql

pytestmark = pytest.mark.django_db
QUEUE = "/admin/comments/comment/"


def thread(name, *replies, body=None, **fields):
    return {
        **fields,
        "author_name": name,
        "author_email": f"{name.lower()}@example.com",
        "body": body or f"{name} on hip flexor stretches.",
        "body_html": f"<p>{name}</p>",
        "status": "approved",
        "children": list(replies),
    }


def test_threads_of_many_posts_go_in_at_once_with_sound_trees(therapist):
    first, second = make_post(title="First"), make_post(title="Second")
    make_comment(first)  # a thread already there: the new ones come after it

    rows = services.add_forests(
        [
            (first, [thread("Ann", thread("Bo", thread("Cy")), thread("Di")), thread("Ed")]),
            (second, [thread("Fay", thread("Gus"))]),
        ]
    )

    assert trees.survey()[1] == []
    assert len(rows) == 7
    ann = Comment.objects.get(author_name="Ann")
    outline = [
        (c.author_name, c.level, c.parent and c.parent.author_name)
        for c in Comment.objects.filter(tree_id=ann.tree_id).order_by("lft")
    ]
    assert outline == [("Ann", 0, None), ("Bo", 1, "Ann"), ("Cy", 2, "Bo"), ("Di", 1, "Ann")]
    assert (ann.lft, ann.rght) == (1, 8)
    assert Comment.objects.get(author_name="Gus").post == second
    assert len(set(Comment.objects.values_list("tree_id", flat=True))) == 4


def test_add_trees_returns_the_stored_comments_in_tree_order(therapist):
    post = make_post()
    stored = services.add_trees(post, [thread("Ann", thread("Bo", user=therapist))])

    assert [(c.author_name, c.pk is not None) for c in stored] == [("Ann", True), ("Bo", True)]
    assert Comment.objects.get(pk=stored[1].pk).parent_id == stored[0].pk
    assert Comment.objects.get(pk=stored[1].pk).user == therapist


@on_postgresql
def test_bulk_comments_are_found_by_search_and_a_given_document_is_not_trusted_later(client):
    post = make_post(title="Quiet")
    services.add_trees(post, [thread("Ann", body="Gentle pelvis tilts every morning.")])
    sneaky = make_comment(post, body="Nothing about that here.")
    # Outside a bulk write a document cannot be slipped in: the trigger makes it.
    Comment.objects.filter(pk=sneaky.pk).update(body="Still nothing here.")
    sneaky.refresh_from_db()
    planted = Comment.objects.create(
        post=post, author_name="X", author_email="x@example.com", body="plain words",
        body_html="<p>plain words</p>", status="approved", search_document="'pelvi':1",
        tree_id=999, lft=1, rght=2, level=0,
    )  # fmt: skip

    found = client.get("/search/?q=pelvis").content.decode()

    assert "Ann on “Quiet”" in found
    assert "Gentle <mark>pelvis</mark> tilts" in found
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_document::text FROM comments_comment WHERE id = %s", [planted.pk]
        )
        assert cursor.fetchone()[0] == "'plain':1 'word':2"


@on_postgresql
def test_a_bulk_write_the_database_refuses_stores_nothing_and_says_so(therapist):
    post = make_post()
    kept = make_comment(post)

    # Longer than the column: COPY fails with Django's own error, which the importer reports.
    with pytest.raises(DataError, match="too long"):
        services.add_trees(post, [thread("Ann", thread("B" * 81))])

    assert list(Comment.objects.values_list("pk", flat=True)) == [kept.pk]


def test_the_queue_shows_pending_first_and_counts_with_its_filters(client, therapist):
    post, other = make_post(title="Hip reset"), make_post(title="Neck ease")
    make_comment(make_post(title="All answered"), status="spam")
    approved = [make_comment(post) for _ in range(3)]
    waiting = [make_comment(p, status="pending") for p in (post, other, other)]
    approved.append(make_comment(other))

    page = client.get(QUEUE)
    pending_only = client.get(QUEUE, {"status__exact": "pending"})
    one_post = client.get(QUEUE, {"post__id__exact": other.pk})

    assert [c.pk for c in page.context["cl"].result_list][:7] == [
        *[c.pk for c in reversed(waiting)],
        *[c.pk for c in reversed(approved)],
    ]
    assert page.context["cl"].result_count == 8
    assert "8 comments" in page.content.decode()
    assert pending_only.context["cl"].result_count == 3
    assert one_post.context["cl"].result_count == 3
    # The post filter offers the posts with comments waiting, not every post with any.
    assert [title for _, title in one_post.context["cl"].filter_specs[1].lookup_choices] == [
        "Neck ease",
        "Hip reset",
    ]


@pytest.mark.parametrize("value", ["abc", "1.5", "²", "-3", "99999999999999999999"])
def test_a_made_up_post_filter_shows_the_queue_not_an_error(client, therapist, value):
    make_comment(make_post())

    response = client.get(QUEUE, {"post__id__exact": value})

    assert response.status_code == 200


def test_no_page_of_the_queue_or_post_list_counts_or_groups_every_comment(client, therapist):
    post = make_post()
    make_comment(post, status="pending")

    with CaptureQueriesContext(connection) as queue:
        client.get(QUEUE)
    with CaptureQueriesContext(connection) as posts:
        client.get("/admin/blog/post/")

    every_comment = re.compile(r'COUNT\(\*\) AS "__count" FROM "comments_comment"\s*$')
    for query in [q["sql"] for q in queue.captured_queries]:
        assert not every_comment.search(query), query
        assert 'DISTINCT U0."post_id"' not in query, query
    for query in [q["sql"] for q in posts.captured_queries]:
        assert 'JOIN "comments_comment"' not in query, query


def queue_queries(client):
    with CaptureQueriesContext(connection) as page:
        assert client.get(QUEUE).status_code == 200
    return [query["sql"] for query in page.captured_queries]


def test_a_queue_page_queries_no_more_for_more_rows(client, therapist):
    post = make_post()
    make_comment(post, author_name="Maren", status="pending")  # flagged: the staff's name
    one_row = queue_queries(client)
    for _ in range(9):
        make_comment(post, parent=Comment.objects.first(), author_name="Maren")

    assert len(queue_queries(client)) == len(one_row)


def test_the_queue_reads_no_long_text_it_never_shows(client, therapist):
    make_comment(make_comment(make_post()).post, status="pending")

    rows = [sql for sql in queue_queries(client) if '"comments_comment"."author_name"' in sql]

    assert rows
    for column in ["body_html", "search_document"]:
        assert all(f'"comments_comment"."{column}"' not in sql for sql in rows)
    assert all('"blog_post"."body"' not in sql for sql in rows)


def test_past_its_exact_limit_the_count_is_estimated_on_postgresql_or_counted(therapist):
    post = make_post()
    for _ in range(12):
        make_comment(post)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE comments_comment")

    class Small(EstimatedCountPaginator):
        exact_up_to = 5

    assert Small(Comment.objects.all(), 50).count == 12
    assert Small(Comment.objects.filter(status="pending"), 50).count == 0
