from datetime import timedelta

import pytest
from django.db import IntegrityError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from blog.models import Exercise, Post, duration_text
from comments.models import Comment
from tests.factories import image_upload, make_comment, make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db


def test_published_hides_drafts_and_future_posts():
    visible = make_post()
    make_post(status=Post.Status.DRAFT, published_at=None)
    make_post(status=Post.Status.DRAFT, published_at=timezone.now() - timedelta(days=3))
    make_post(published_at=timezone.now() + timedelta(minutes=5))

    assert list(Post.objects.published()) == [visible]


def test_published_is_newest_first():
    old = make_post(published_at=timezone.now() - timedelta(days=400))
    new = make_post(published_at=timezone.now() - timedelta(hours=1))

    assert list(Post.objects.published()) == [new, old]


def test_a_published_post_needs_a_date():
    with pytest.raises(IntegrityError):
        make_post(published_at=None)


def test_an_image_needs_a_description():
    post = make_post()
    with pytest.raises(IntegrityError):
        Post.objects.filter(pk=post.pk).update(lead_image="posts/a.jpg", lead_image_alt="")


def test_an_exercise_photo_needs_a_description():
    exercise = make_exercise()
    with pytest.raises(IntegrityError):
        Exercise.objects.filter(pk=exercise.pk).update(photo="exercises/a.jpg", photo_alt="")


def test_a_saved_post_stores_its_body_rendered_and_sanitized():
    post = make_post(body="## Breathe\n\n<script>alert(1)</script>Slowly, **really** slowly.")
    post.refresh_from_db()

    assert "<h2>Breathe</h2>" in post.body_html
    assert "<strong>really</strong>" in post.body_html
    assert "<script" not in post.body_html and "alert(1)" not in post.body_html

    post.body = "Now *faster*."
    post.save()
    post.refresh_from_db()
    assert post.body_html == "<p>Now <em>faster</em>.</p>"


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (60, "1 minute"),
        (30, "30 seconds"),
        (1, "1 second"),
        (90, "1 minute 30 seconds"),
        (120, "2 minutes"),
        (300, "5 minutes"),
    ],
)
def test_duration_text(seconds, text):
    assert duration_text(seconds) == text


def test_dosage_written_from_the_data():
    assert make_exercise().dosage() == "Hold 1 minute"
    assert make_exercise(each_side=True).dosage() == "Hold 1 minute each side"
    assert make_exercise(hold_seconds=0, repetitions=8).dosage() == "8 times"
    assert (
        make_exercise(hold_seconds=5, repetitions=10, each_side=True).dosage()
        == "10 times each side, holding 5 seconds each time"
    )


def test_a_step_can_override_hold_and_sides():
    exercise = make_exercise(hold_seconds=60, each_side=False)
    post = make_post()

    assert make_step(post, exercise).dosage() == "Hold 1 minute"
    assert make_step(post, exercise, hold_seconds=120, each_side=True).dosage() == (
        "Hold 2 minutes each side"
    )


def test_steps_follow_their_positions():
    post = make_post()
    third = make_step(post, position=3)
    first = make_step(post, position=1)
    second = make_step(post, position=2)

    assert list(post.steps.all()) == [first, second, third]


def test_renditions_are_made_when_the_photo_is_saved(media_root):
    exercise = make_exercise(photo=True)
    picture = exercise.picture()

    assert (picture.width, picture.height) == (1200, 800)
    widths = [entry.rsplit(" ", 1)[1] for entry in picture.srcset.split(", ")]
    assert widths == ["400w", "800w", "1200w"]
    for url in [entry.split(" ")[0] for entry in picture.srcset.split(", ")]:
        assert (media_root / url.removeprefix("/media/")).stat().st_size > 0


def test_a_small_photo_is_listed_once_at_its_own_size():
    exercise = make_exercise()
    exercise.photo_alt = "A small picture"
    exercise.photo = image_upload("small.png", size=(300, 200))
    exercise.save()

    picture = exercise.picture()
    assert picture.srcset.endswith(" 300w")
    assert ", " not in picture.srcset
    assert (picture.width, picture.height) == (300, 200)


BEFORE_BODY_HTML = [("blog", "0002_step_order_and_help")]


@pytest.mark.django_db(transaction=True)
def test_the_migration_renders_the_bodies_of_existing_posts():
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE_BODY_HTML)
    old = executor.loader.project_state(BEFORE_BODY_HTML).apps
    author = old.get_model("blog", "Author").objects.create(name="A", slug="a", bio="B")
    old.get_model("blog", "Post").objects.create(
        title="Old", slug="old", author=author, summary="S", body="An **old** <script>x</script>"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)

    assert Post.objects.get(slug="old").body_html == "<p>An <strong>old</strong> </p>"


def test_public_comments_are_the_approved_ones_on_published_posts():
    post = make_post()
    shown = make_comment(post)
    for status in (Comment.Status.PENDING, Comment.Status.SPAM, Comment.Status.REMOVED):
        make_comment(post, status=status)
    make_comment(make_post(status=Post.Status.DRAFT, published_at=None))
    make_comment(make_post(published_at=timezone.now() + timedelta(minutes=5)))

    assert list(Comment.objects.public()) == [shown]
