import re
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Post
from comments.models import Comment
from tests.factories import make_comment, make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db
postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="ranking, stemming and GIN indexes are PostgreSQL's; SQLite matches words as typed",
)


@pytest.fixture
def posts():
    return {
        "psoas": make_post(
            title="Releasing the psoas", body="The hip flexor that links spine and legs."
        ),
        "shoulders": make_post(title="Shoulders at the desk", body="Roll them back gently."),
        "hidden": make_post(title="Psoas draft", status=Post.Status.DRAFT),
    }


@pytest.fixture
def therapist():
    return get_user_model().objects.create_user("maren", is_staff=True)


def search(client, text, marks=False):
    """The results page; without its <mark> tags unless `marks`, to read snippets whole."""
    html = client.get("/search/", {"q": text}).content.decode()
    return html if marks else re.sub("</?mark>", "", html)


def section(html, heading):
    """The results under one heading ("Posts", "From the comments"), or ""."""
    match = re.search(rf"<h2 [^>]*>{heading}</h2>(.*?)</section>", html, re.S)
    return match.group(1) if match else ""


def test_search_finds_published_posts_by_title_and_body(client, posts):
    assert "Releasing the psoas" in search(client, "psoas")
    assert "Releasing the psoas" in search(client, "flexor")
    html = search(client, "psoas")
    assert "Shoulders at the desk" not in html and "Psoas draft" not in html
    assert "Found 1 post for “psoas”." in html


def test_every_word_must_match(client, posts):
    assert "Releasing the psoas" in search(client, "hip spine")
    assert "Nothing matches" in search(client, "hip shoulders")


def test_no_match_suggests_what_to_do(client, posts):
    html = search(client, "snowboarding")

    assert "Nothing matches “snowboarding”." in html
    assert "Try fewer or different words" in html


def test_empty_search_shows_only_the_form(client, posts):
    html = search(client, "")

    assert 'id="id_q"' in html and "match" not in html and "Found" not in html


def test_bad_input_gets_a_message_not_an_error(client, posts):
    response = client.get("/search/", {"q": "hip\x00"})

    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    too_long = search(client, "x" * 201)
    assert "Ensure this value has at most 200 characters" in too_long


HOSTILE = [
    "'", '"', "\\", "%", "_", "hip & | ! ( )", "!!", "hip:*", "<->", "-", "- -", "or",
    "'hip' & 'flexor'", "a <2> b", "(((((", "psoas)", ":", "*", "—", "ψοας", "😀 psoas",
    "\u200b", "\ufeffhip", "the", "OR OR OR", '"unclosed phrase', "x" * 200,
    " ".join(["hip"] * 66), "<script>alert(1)</script>", "DROP TABLE blog_post;--",
]  # fmt: skip


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_words_never_break_the_page(client, posts, text):
    make_comment(posts["psoas"], body="The psoas again.")

    response = client.get("/search/", {"q": text})

    assert response.status_code == 200
    assert b"<script>alert" not in response.content


def test_a_post_is_found_by_the_exercises_in_its_sequence(client):
    post = make_post(title="Morning routine", body="Ten minutes before coffee.")
    make_step(post, make_exercise(name="Kneeling hip flexor stretch", instructions="Kneel."))
    make_step(post, make_exercise(name="Cat-cow", instructions="Round the spine, then arch it."))
    make_post(title="Something else")

    html = search(client, "hip flexor", marks=True)

    assert "Morning routine" in html and "Something else" not in html
    assert "<mark>hip</mark> <mark>flexor</mark>" in html.lower()
    assert "Morning routine" in search(client, "arch")


def test_a_changed_sequence_or_exercise_is_found_at_once(client):
    post = make_post(title="Evening routine")
    exercise = make_exercise(name="Supported bridge", instructions="Lift the hips.")
    step = make_step(post, exercise)
    assert "Evening routine" in search(client, "bridge")

    exercise.instructions = "Press through the heels."
    exercise.save()
    make_step(post, make_exercise(name="Pigeon pose"))

    assert "Evening routine" in search(client, "heels")
    assert "Evening routine" in search(client, "pigeon")
    assert "Nothing matches" in search(client, "lift hips")
    step.delete()
    assert "Nothing matches" in search(client, "bridge")


def test_her_answer_is_found_and_links_to_its_permalink(client, therapist):
    post = make_post(title="Releasing the psoas")
    question = make_comment(post, author_name="Dana", body="Does this help a sore back?")
    answer = make_comment(
        post,
        parent=question,
        user=therapist,
        author_name="Maren",
        body="Yes: a tight iliopsoas often pulls on the lower back.",
    )

    html = search(client, "iliopsoas", marks=True)

    found = section(html, "From the comments")
    assert f'href="{answer.get_absolute_url()}"' in found
    assert "Maren on “Releasing the psoas”" in found
    assert '<span class="badge">Author</span>' in found
    assert "a tight <mark>iliopsoas</mark> often pulls" in found
    assert section(html, "Posts") == ""
    assert "Found 1 comment for “iliopsoas”." in html


def test_her_answers_come_before_readers_comments(client, therapist):
    post = make_post()
    make_comment(post, author_name="Dana", body="My knee clicks when I squat, is that bad?")
    make_comment(post, author_name="Maren", user=therapist, body="A clicking knee is common.")
    make_comment(post, author_name="Wes", body="Knee clicks here too, knee knee knee.")

    found = section(search(client, "knee"), "From the comments")

    names = re.findall(r">(\w+) on “", found)
    assert names[0] == "Maren" and sorted(names[1:]) == ["Dana", "Wes"]


def test_text_not_shown_to_readers_is_never_found(client):
    post = make_post()
    for status in [Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED]:
        make_comment(post, status=status, body=f"Secret zanzibar {status}.")
    shown = make_comment(post, body="Approved, then removed: zanzibar.")
    draft = make_post(status=Post.Status.DRAFT, title="Zanzibar draft")
    scheduled = make_post(
        title="Zanzibar later", published_at=timezone.now() + timedelta(days=3), body="zanzibar"
    )
    make_comment(draft, body="On a draft: zanzibar.")
    make_comment(scheduled, body="On a scheduled post: zanzibar.")
    assert "Found 1 comment" in search(client, "zanzibar")

    Comment.objects.filter(pk=shown.pk).update(status=Comment.Status.REMOVED)

    html = search(client, "zanzibar")
    assert "Nothing matches" in html
    assert "Secret" not in html and "draft" not in html and "later" not in html


def test_an_edited_comment_is_found_by_its_new_words(client):
    comment = make_comment(make_post(), body="I tried the stretch yesterday.")

    comment.body = "I tried the hamstring stretch."
    comment.save()

    assert "Found 1 comment" in search(client, "hamstring")
    assert "Nothing matches" in search(client, "yesterday")


def test_comment_text_is_escaped_in_snippets(client):
    make_comment(make_post(), body='<script>alert("x")</script> <b>psoas</b> & <img src=x>')

    html = search(client, "psoas", marks=True)

    assert "<script>alert" not in html and "<img src=x>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;b&gt;<mark>psoas</mark>&lt;/b&gt; &amp; &lt;img src=x&gt;" in html


def test_a_long_text_shows_the_part_around_the_match(client):
    words = " ".join(f"word{n}" for n in range(300))
    make_comment(make_post(), body=f"{words} sacroiliac {words}")

    snippet = re.search(
        r'class="search-hit__snippet">(.*?)</p>', search(client, "sacroiliac", marks=True)
    )

    text = snippet.group(1)
    assert text.startswith("… ") and text.endswith(" …") and len(text) < 300
    assert "<mark>sacroiliac</mark>" in text


def test_queries_do_not_grow_with_the_results(client, therapist):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert "Found" in search(client, "psoas")
        return [query["sql"] for query in captured]

    post = make_post(title="Psoas one")
    make_step(post)
    make_comment(post, body="psoas")
    few = queries()
    for n in range(12):
        post = make_post(title=f"Psoas {n}")
        make_step(post)
        make_step(post)
        make_comment(post, body="psoas", user=therapist if n % 2 else None)

    assert len(queries()) == len(few)


def test_header_search_box_says_what_it_is_for(client, posts):
    html = client.get("/").content.decode()

    box = re.search(r'<input id="site-search"[^>]*>', html).group(0)
    assert 'placeholder="Posts and answers"' in box


@postgresql_only
def test_postgresql_ranks_title_matches_first_and_stems_words(client):
    make_post(title="Knees and ankles", body="A stretch helps the hips too.")
    make_post(title="Stretching the hips", body="Slow and easy.")

    html = search(client, "hip stretches", marks=True)

    assert html.index("Stretching the hips") < html.index("Knees and ankles")
    assert "A <mark>stretch</mark> helps the <mark>hips</mark> too." in html


@postgresql_only
def test_postgresql_ranks_steps_above_body(client):
    make_post(title="In the body", body="Finish with a pigeon pose.")
    in_steps = make_post(title="In the steps", body="Nothing here.")
    make_step(in_steps, make_exercise(name="Pigeon", instructions="Fold forward."))

    html = section(search(client, "pigeon"), "Posts")

    assert html.index("In the steps") < html.index("In the body")


@postgresql_only
def test_postgresql_reads_the_search_box_syntax(client, posts):
    make_post(title="Hips and knees", body="Knee pain.")

    assert "Nothing matches" not in search(client, '"hip flexor"')
    assert "Hips and knees" not in search(client, "hip -knee")
    assert "Releasing the psoas" in search(client, "hip -knee")
    assert "Hips and knees" in search(client, "knees or shoulders")


@pytest.fixture
def many_rows():
    """2,000 posts with a comment each, written in SQL: enough rows for the planner to
    prefer an index; the triggers fill in their search documents as they go in."""
    author = make_post().author
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO blog_post (title, slug, author_id, summary, body, body_html, status,"
            " published_at, updated_at, comments_open, lead_image, lead_image_alt)"
            " SELECT 'Walk ' || n, 'walk-' || n, %s, 'Walking.', 'Walk number ' || n, '',"
            " 'published', now() - interval '1 day', now(), true, '', ''"
            " FROM generate_series(1, 2000) n",
            [author.pk],
        )
        cursor.execute(
            "INSERT INTO comments_comment (post_id, lft, rght, tree_id, level, author_name,"
            " author_email, author_url, body, body_html, created_at, status, user_agent,"
            " notify_replies)"
            " SELECT id, 1, 2, id, 0, 'Reader', 'r@example.com', '', 'I walk daily ' || id,"
            " '', now(), 'approved', '', false FROM blog_post"
        )
        # As autovacuum would: new entries leave GIN's pending list, the planner counts rows.
        cursor.execute(
            "SELECT gin_clean_pending_list('blog_post_search_document'::regclass),"
            " gin_clean_pending_list('comment_search_approved'::regclass)"
        )
        cursor.execute("ANALYZE blog_post; ANALYZE comments_comment")


@postgresql_only
def test_postgresql_searches_through_gin_indexes(many_rows):
    from blog.search import query
    from comments.search import matches

    make_comment(make_post(title="The sacroiliac joint"), body="A rare word: sacroiliac.")

    posts_plan = Post.objects.published().search("sacroiliac").explain()
    comments_plan = matches(query("sacroiliac")).explain()

    assert "Bitmap Index Scan on blog_post_search_document" in posts_plan
    assert "Bitmap Index Scan on comment_search_approved" in comments_plan


@postgresql_only
def test_a_common_word_still_finds_her_older_answers_first(client, therapist, monkeypatch):
    # Only the newest matches are ranked (a common word matches most of a million
    # comments); her answers are ranked whatever their age.
    monkeypatch.setattr("comments.search.RANKED", 2)
    post = make_post(title="Walking")
    start = timezone.now() - timedelta(days=30)
    answer = make_comment(post, body="Walk after meals.", user=therapist, created_at=start)
    for day in range(1, 5):
        make_comment(post, body=f"I walk on day {day}.", created_at=start + timedelta(days=day))

    html = section(search(client, "walk"), "From the comments")

    assert html.index(answer.body) < html.index("I walk on day 4.") < html.index("day 3")
    assert "day 1" not in html


@pytest.mark.parametrize("typed", ["hip-flexor", "Hip-Flexor"])
def test_a_hyphenated_word_finds_its_parts(client, typed):
    spaced = make_post(title="Releasing the psoas", body="The hip flexor that links spine.")
    joined = make_post(title="Desk stretches", body="A hip-flexor stretch at your desk.")
    make_comment(spaced, body="My hip flexor feels tight after running.")
    make_post(title="Knee care", body="The hip and the knee.")

    html = search(client, typed, marks=True)
    posts = section(html, "Posts")

    assert spaced.title in posts and joined.title in posts
    assert "Knee care" not in posts
    assert "tight after running" in section(html, "From the comments")
    assert "<mark>hip</mark> <mark>flexor</mark>" in posts.lower()
    assert f"Found 2 posts and 1 comment for “{typed}”." in html


@postgresql_only
def test_postgresql_keeps_a_leading_hyphen_as_leaving_a_word_out(client):
    make_post(title="Releasing the psoas", body="The hip flexor that links spine.")
    make_post(title="Knee care", body="The hip-flexor and the knee.")

    html = section(search(client, "hip-flexor -knee"), "Posts")

    assert "Releasing the psoas" in html and "Knee care" not in html


def test_the_search_page_has_one_search_box(client, posts):
    for text in ["", "psoas"]:
        html = client.get("/search/", {"q": text}).content.decode()

        assert html.count('role="search"') == 1
        assert html.count('type="search"') == 1
        assert 'id="id_q"' in html and 'id="site-search"' not in html


def test_the_missing_page_has_one_search_area(client):
    response = client.get("/no-such-page/")

    html = response.content.decode()
    assert response.status_code == 404
    assert html.count('role="search"') == 1 and 'id="notfound-q"' in html
    assert '<label for="notfound-q">Search the blog</label>' in html
