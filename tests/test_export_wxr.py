"""export_wxr: to a file written whole or not at all, or to standard output; a path it
cannot write, or an export it cannot finish, is refused with a message, never a traceback."""

import io
import os
import re
import resource
import subprocess
import sys
from datetime import UTC
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from blog.models import Post
from comments.models import Comment
from tests.factories import make_comment, make_post
from tests.test_export import database_lost_at
from transfer import wxr

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parent.parent


def parsed(data):
    return {post.slug for post in wxr.parse(data, timezone=UTC).posts}


@pytest.fixture
def site():
    post = make_post(slug="hips")
    make_comment(post, parent=make_comment(post, notify=False), notify=False)
    make_comment(post, status="spam", notify=False)
    make_post(slug="spine")


def test_the_command_writes_the_file_whole_and_says_what_it_held(site, tmp_path):
    path = tmp_path / "site.xml"
    path.write_text("an older export")
    err = io.StringIO()

    call_command("export_wxr", "--output", str(path), stderr=err)

    assert parsed(path.read_bytes()) == {"hips", "spine"}
    assert err.getvalue() == f"Wrote 2 posts, 2 comments and 0 pictures to {path}.\n"
    assert os.stat(path).st_mode & 0o077 == 0  # emails and IPs: for its owner only
    assert list(tmp_path.iterdir()) == [path]  # nothing left beside it


def test_the_command_writes_to_standard_output(site):
    out = io.StringIO()
    call_command("export_wxr", stdout=out)
    assert parsed(out.getvalue().encode()) == {"hips", "spine"}


def test_the_counts_read_as_english(site, tmp_path):
    Post.objects.get(slug="spine").delete()
    Comment.objects.filter(parent__isnull=False).delete()
    err = io.StringIO()
    call_command("export_wxr", "--output", str(tmp_path / "site.xml"), stderr=err)
    assert err.getvalue().startswith("Wrote 1 post, 1 comment and 0 pictures to ")


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/site.xml", "missing/site.xml: cannot write there (No such file or directory)."),
        (".", ": is a folder; name a file to write."),
    ],
)
def test_an_unwritable_path_is_refused_with_a_message(tmp_path, where, message):
    with pytest.raises(CommandError) as error:
        call_command("export_wxr", "--output", str(tmp_path / where))
    assert str(error.value).startswith(str(tmp_path))
    assert str(error.value).endswith(message)


def test_an_export_it_cannot_finish_is_a_message_and_writes_nothing(site, tmp_path):
    spine = Post.objects.get(slug="spine")
    make_comment(spine, notify=False)
    path = tmp_path / "site.xml"
    path.write_text("an older export")
    out = io.StringIO()

    with database_lost_at(spine), pytest.raises(CommandError) as to_file:  # after post one
        call_command("export_wxr", "--output", str(path))
    with database_lost_at(spine), pytest.raises(CommandError) as to_output:
        call_command("export_wxr", stdout=out)

    for error in (to_file, to_output):
        assert str(error.value).startswith(f"The export stopped at post {spine.pk} “")
        assert str(error.value).endswith("; nothing was written.")
    assert path.read_text() == "an older export"
    assert list(tmp_path.iterdir()) == [path]
    assert out.getvalue() == ""  # not the first post's half of a file


@pytest.fixture(scope="module")
def database_file(tmp_path_factory):
    """A migrated SQLite file, for the command run as its own process."""
    folder = tmp_path_factory.mktemp("export")
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "DJANGO_DEBUG": "1",
    }
    manage(env, "migrate", "--no-input")
    return folder, env


LONG_POST = """
from blog.models import Author, Post
author = Author.objects.create(name="Maren Holt", slug="maren-holt", bio="PT")
Post.objects.create(
    author=author, title="Long", slug="long", summary="Long.", body="Words. " * 40_000
)
"""


@pytest.fixture
def long_post(database_file):
    """The database holds a post of about 300 KB."""
    folder, env = database_file
    manage(env, "shell", "-c", LONG_POST)
    return folder, env


def manage(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        check=kwargs.pop("check", True),
        **kwargs,
    )


def test_standard_output_holds_the_xml_and_nothing_else(database_file):
    _, env = database_file
    result = manage(env, "export_wxr")
    assert result.stdout.startswith(b"<?xml")  # no log line before it
    assert parsed(result.stdout) == set()  # an empty site's export, read without a complaint


def test_a_failed_export_leaves_the_earlier_file_as_it_was(long_post):
    folder, env = long_post
    path = folder / "site.xml"
    path.write_text("an older export")

    def small_files():  # no file may grow past 100 KB: the export stops half-way
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, resource.RLIM_INFINITY))

    result = manage(env, "export_wxr", "--output", str(path), check=False, preexec_fn=small_files)

    assert result.returncode == 1
    assert re.search(rb"site\.xml: cannot write it \(File too large\)", result.stderr)
    assert b"Traceback" not in result.stderr
    assert path.read_text() == "an older export"
    assert sorted(p.name for p in folder.iterdir() if p.is_file()) == ["db.sqlite3", "site.xml"]
