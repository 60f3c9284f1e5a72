"""Background import jobs beside the rest of the site: a preview holds its locks for one post
at a time, a runner outlives a database that stops answering, and a job taken over from a
runner presumed gone is finished by the runner that took it."""

import threading
from dataclasses import replace
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import OperationalError, connection
from django.utils import timezone

from comments.models import Comment
from tests import test_transfer_admin as admin_page
from tests.factories import make_author, make_post
from tests.test_comment_views import send
from tests.test_import_jobs import many_posts, posted
from tests.test_transfer_admin import WXR, form, upload
from transfer import jobs, writer, wxr
from transfer.models import ImportJob

pytestmark = pytest.mark.django_db
dana, kept_files = admin_page.dana, admin_page.kept_files  # its fixtures, here too


def paused(posts, between, go):
    """The posts, the reader waiting after the first until `go`: the writer is between
    two posts, the first one tried and rolled back."""
    posts = iter(posts)
    yield next(posts)
    between.set()
    go.wait()
    yield from posts


@pytest.mark.django_db(transaction=True)
def test_a_reader_starts_a_thread_while_a_preview_is_under_way(client, settings, tmp_path):
    settings.COMMENTS_LOCK_TIMEOUT = 1
    settings.COMMENTS_FLOOD_SECONDS = 0
    export = many_posts(tmp_path / "export.xml", posts=2, comments=2).read_bytes()
    source = wxr.parse(export, timezone=ZoneInfo("UTC"))
    between, go = threading.Event(), threading.Event()
    source = replace(source, posts=paused(source.posts, between, go))
    options = writer.Options(author=make_author(), dry_run=True)
    other = make_post()
    preview = threading.Thread(target=jobs.own_connections, args=(writer.store, [source], options))
    preview.start()
    try:
        assert between.wait(60)  # the first post and its threads were tried

        response = send(client, other, body="Is this stretch fine after a knee operation?")
    finally:
        go.set()
        preview.join()

    assert response.status_code == 302
    assert Comment.objects.filter(post=other).count() == 1
    assert Comment.objects.exclude(post=other).count() == 0  # the preview kept nothing


@pytest.mark.django_db(transaction=True)
def test_the_runner_command_outlives_a_database_that_stops_answering(
    client, dana, monkeypatch, caplog
):
    monkeypatch.setattr(jobs, "wake", lambda: None)  # the command is the only runner
    job = posted(client, {**form(dana), "upload": upload(WXR), "preview": "Preview"})
    refused = []

    def restarting(execute, sql, params, many, context):
        if not refused:
            refused.append(sql)
            raise OperationalError("the database system is shutting down")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(restarting):
        call_command("run_import_jobs", "--once", "--every", "0")

    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.result["dry_run"]
    said = [record.getMessage() for record in caplog.records if record.name == jobs.__name__]
    assert said == [
        "Import jobs wait: the database did not answer (the database system is shutting down)"
    ]


class OneBeat:
    """The `done` of a beat that beats once: the runner is still at work."""

    def __init__(self):
        self.asked = 0

    def wait(self, timeout):
        self.asked += 1
        return self.asked > 1


@pytest.mark.django_db(transaction=True)
def test_a_runner_presumed_gone_writes_nothing_once_its_job_is_claimed_again(
    client, dana, monkeypatch
):
    monkeypatch.setattr(jobs, "wake", lambda: None)  # the runners are this test's
    job = posted(client, {**form(dana), "upload": upload(WXR), "preview": "Preview"})
    first = jobs.claim()
    # Its beats stopped reaching the database: the job is taken up by another runner.
    ImportJob.objects.filter(pk=job.pk).update(seen_at=timezone.now() - timedelta(minutes=3))
    second = jobs.claim()
    assert second.pk == first.pk == job.pk

    # The first runner comes back: its beat finds the job is no longer its own.
    progress = jobs.Progress()
    progress.say("Stored 40 comments")
    jobs.beat(first, progress, OneBeat())
    jobs.run(first, progress)

    job.refresh_from_db()
    assert (job.state, job.progress, job.result) == (
        ImportJob.State.RUNNING,
        "Starting again",
        None,
    )
    jobs.run(second)
    job.refresh_from_db()
    assert job.state == ImportJob.State.DONE and job.result["dry_run"]
