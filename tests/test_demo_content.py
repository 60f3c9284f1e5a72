from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from blog.models import Author, Category, Exercise, Post, Step
from comments.models import Comment
from tests.conftest import planner_rows

pytestmark = pytest.mark.django_db
DENVER = ZoneInfo("America/Denver")


def demo(*args):
    out = StringIO()
    call_command("demo_content", *args, stdout=out)
    return out.getvalue()


def counts():
    return [m.objects.count() for m in (Author, Category, Exercise, Post, Step, Comment)]


@pytest.fixture(scope="module")
def demo_media(tmp_path_factory):
    return tmp_path_factory.mktemp("demo-media")


@pytest.fixture(autouse=True)
def media_root(settings, demo_media):
    """The demo's pictures, drawn once for this module, stay where its tests look."""
    settings.MEDIA_ROOT = demo_media
    return demo_media


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, demo_media):
    """The demo site built once for this module (drawing its pictures is slow), in a
    transaction each test nests in and that is rolled back after the last, so other test
    modules still start from an empty database. Returns the command's output."""
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    caches = {"default": memory, "local": {**memory, "LOCATION": "demo-local"}}
    with (
        override_settings(MEDIA_ROOT=demo_media, CACHES=caches),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        output = demo()
        yield output
        transaction.set_rollback(True)


def test_demo_site_has_what_a_reader_browses(demo_site):
    output = demo_site

    published = Post.objects.published()
    assert published.count() >= 12
    assert f"{published.count()} published posts" in output
    months = {timezone.localtime(p.published_at).strftime("%Y-%m") for p in published}
    assert {"2012-01", "2022-11"} <= months and len(months) >= 12
    assert Post.objects.filter(status=Post.Status.DRAFT).count() == 1
    scheduled = Post.objects.filter(status=Post.Status.PUBLISHED).exclude(pk__in=published)
    assert scheduled.get().published_at > timezone.now()
    assert all(post.lead_image and post.lead_image_alt for post in Post.objects.all())
    # Stored, not worked out from the file each time a post is loaded.
    assert set(Post.objects.values_list("lead_image_width", "lead_image_height")) == {(1600, 900)}


def test_demo_prints_a_working_therapist_login(demo_site):
    output = demo_site

    username, password = output.split("/admin/: ")[1].split()[::2]
    user = Author.objects.get().user
    assert user.username == username and user.check_password(password)
    assert user.is_staff and not user.is_superuser
    assert list(user.groups.values_list("name", flat=True)) == ["Therapist"]


def test_showcase_post_has_ten_exercises_with_photos(demo_site):
    post = Post.objects.get(slug="ten-minute-hip-and-spine-reset")
    steps = list(post.steps.select_related("exercise"))
    assert len(steps) == 10
    assert all(step.exercise.photo and step.exercise.photo_alt for step in steps)
    assert set(Exercise.objects.values_list("photo_width", "photo_height")) == {(1200, 800)}
    assert timezone.localtime(post.published_at) < datetime(2023, 1, 1, tzinfo=DENVER)


def test_showcase_post_has_about_a_hundred_comments_answered_by_the_therapist(demo_site, client):
    post = Post.objects.get(slug="ten-minute-hip-and-spine-reset")
    comments = post.comments.public()
    assert 95 <= comments.count() <= 105
    answers = comments.filter(user__is_staff=True)
    assert answers.count() >= 30
    assert comments.filter(parent=None).count() >= 30
    assert max(comments.values_list("level", flat=True)) >= 3
    years = {c.created_at.year for c in comments}
    assert {2016, 2022} <= years
    assert all(a.parent_id for a in answers)
    html = client.get(post.get_absolute_url()).content.decode()
    assert f"{comments.count()} Comments" in html


def test_benchmark_comments_form_valid_trees(demo_site):
    demo("--posts", "2", "--comments", "300")

    bench = Comment.objects.filter(post__slug__startswith="benchmark-post-")
    assert 580 <= bench.count() <= 620
    assert bench.filter(parent=None).count() < bench.count() * 0.5
    before = list(Comment.objects.order_by("pk").values_list("pk", "tree_id", "lft", "rght"))
    Comment.objects.rebuild()
    assert list(Comment.objects.order_by("pk").values_list("pk", "tree_id", "lft", "rght")) == (
        before
    )


def test_after_a_bulk_load_postgresql_knows_the_size_of_what_it_filled(demo_site):
    """As PostgreSQL's documentation advises after a bulk load: the planner has statistics
    for the new rows at once, not once autovacuum comes round."""
    planner_rows(Post)  # skips on SQLite
    demo("--posts", "3", "--comments", "20")

    assert planner_rows(Post) == Post.objects.count()
    assert planner_rows(Comment) == Comment.objects.count()


def test_running_it_again_changes_nothing(demo_site):
    before = counts()
    photos = sorted(Exercise.objects.values_list("photo", flat=True))

    demo()

    assert counts() == before
    assert sorted(Exercise.objects.values_list("photo", flat=True)) == photos


def test_benchmark_posts_are_added_once(demo_site):
    demo("--posts", "30")
    total = Post.objects.published().count()

    demo("--posts", "30")

    assert Post.objects.published().count() == total
    assert Post.objects.filter(slug__startswith="benchmark-post-").count() == 30


def test_negative_numbers_are_refused():
    with pytest.raises(CommandError, match="0 or more"):
        demo("--posts", "-1")


def test_running_it_again_keeps_the_therapists_password(demo_site):
    user = Author.objects.get().user
    user.set_password("her-own-pass-phrase")
    user.save()

    output = demo()

    user.refresh_from_db()
    assert user.check_password("her-own-pass-phrase")
    assert "her-own-pass-phrase" not in output
    assert f"login for /admin/: {user.username}, with the password set before" in output


def test_an_account_without_a_password_gets_one_printed(demo_site):
    user = Author.objects.get().user
    user.set_unusable_password()
    user.save()

    output = demo()

    username, password = output.split("/admin/: ")[1].split()[::2]
    user.refresh_from_db()
    assert username == user.username and user.check_password(password)
