"""The README's backup and restore procedures, run for real: pg_dump/pg_restore on
PostgreSQL, dumpdata/loaddata on SQLite. Everything must come back, comment trees intact."""

import shutil
import sqlite3
import subprocess
import sys

import psycopg
import pytest
from django.core.files.storage import storages
from django.db import connection
from django.test import override_settings

from tests.conftest import ROOT, require
from tests.test_deploy import production_env, scratch_name

TABLES = {
    "blog_post": "id, title, slug, status, published_at, body, lead_image, lead_image_width",
    "blog_exercise": "id, name, slug, photo, hold_seconds, each_side",
    "blog_step": "id, post_id, exercise_id, position, hold_seconds, note",
    "blog_category": "id, name, slug",
    "blog_post_categories": "post_id, category_id",
    "comments_comment": (
        "id, post_id, parent_id, tree_id, lft, rght, level, author_name, author_email, body, "
        "body_html, status, user_id, created_at"
    ),
}
DEMO_COUNTS = {"blog_post": 19, "blog_exercise": 19, "comments_comment": 123}


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def snapshot(rows_of):
    return {
        table: rows_of(f"SELECT {columns} FROM {table} ORDER BY 1, 2")
        for table, columns in TABLES.items()
    }


def assert_trees_intact(env):
    """django-mptt rebuilding the trees from parent links changes nothing."""
    check = (
        "from comments.models import Comment as C; f=('pk','tree_id','lft','rght','level');"
        "b=list(C.objects.order_by('pk').values_list(*f)); C.objects.rebuild();"
        "assert b==list(C.objects.order_by('pk').values_list(*f)), 'trees changed'"
    )
    manage(env, "shell", "-c", check)


def test_dumpdata_and_loaddata_round_trip_sqlite(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("runs in the suite's SQLite pass")
    original = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path}/original.sqlite3",
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
    )
    restored = {**original, "DATABASE_URL": f"sqlite:///{tmp_path}/restored.sqlite3"}
    manage(original, "migrate", "--noinput")
    manage(original, "demo_content")
    backup = tmp_path / "backup.json"
    manage(
        original, "dumpdata", "--natural-foreign", "--natural-primary", "-e", "contenttypes",
        "-e", "auth.permission", "-e", "admin.logentry", "-e", "sessions", "-e", "axes",
        "-o", str(backup),
    )  # fmt: skip
    manage(restored, "migrate", "--noinput")
    manage(restored, "loaddata", str(backup))

    def rows(path):
        with sqlite3.connect(path) as db:
            return lambda sql: db.execute(sql).fetchall()

    before = snapshot(rows(tmp_path / "original.sqlite3"))
    after = snapshot(rows(tmp_path / "restored.sqlite3"))
    assert {t: len(before[t]) for t in DEMO_COUNTS} == DEMO_COUNTS
    assert after == before
    assert_trees_intact(restored)


@pytest.fixture
def postgres_server():
    if connection.vendor != "postgresql":
        pytest.skip("runs in the suite's PostgreSQL pass (needs a PostgreSQL server)")
    require(shutil.which("pg_dump") and shutil.which("pg_restore"), "pg_dump", "postgresql-client")
    s = connection.settings_dict
    server = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}"
    # Names of this run's own, so two runs on one server never drop each other's.
    names = [scratch_name("backup_original"), scratch_name("backup_restored")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f"CREATE DATABASE {name}")
    yield [f"{server}/{name}" for name in names]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        for name in names:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_pg_dump_and_pg_restore_round_trip(postgres_server, tmp_path):
    original_url, restored_url = postgres_server
    original = production_env(DATABASE_URL=original_url, DJANGO_MEDIA_ROOT=str(tmp_path / "m"))
    manage(original, "migrate", "--noinput")
    manage(original, "demo_content")
    backup = tmp_path / "align.dump"
    subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", f"--file={backup}", original_url],
        check=True,
    )
    subprocess.run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restored_url}", str(backup)],
        check=True,
    )

    def rows(url):
        db = psycopg.connect(url)
        return lambda sql: db.execute(sql).fetchall()

    before = snapshot(rows(original_url))
    after = snapshot(rows(restored_url))
    assert {t: len(before[t]) for t in DEMO_COUNTS} == DEMO_COUNTS
    assert after == before
    assert_trees_intact({**original, "DATABASE_URL": restored_url})
    # The restored site still takes comments: its id sequences came back too.
    manage(
        {**original, "DATABASE_URL": restored_url},
        "shell", "-c",
        "from blog.models import Post; from comments import services;"
        "p=Post.objects.get(slug='ten-minute-hip-and-spine-reset');"
        "services.post_comment(p, name='A', email='a@example.com', body='After restore',"
        "status='approved', parent=p.comments.first())",
    )  # fmt: skip


def test_s3_storage_is_a_matter_of_configuration(site_settings):
    made = site_settings(S3_BUCKET="align-media", S3_CUSTOM_DOMAIN="media.align.example")

    with override_settings(STORAGES=made["STORAGES"]):
        storage = storages["default"]
        url = storage.url("exercises/bridge.jpg")

    assert type(storage).__name__ == "S3Storage" and storage.bucket_name == "align-media"
    assert url == "https://media.align.example/exercises/bridge.jpg"
