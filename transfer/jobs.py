"""Imports that read another site run as background jobs: a thread of the web process does
the work while the Import page polls the job's row.

A second thread beats for it: every few seconds it writes how far the import got and that
it is alive, on its own connection, so the beat is seen even while the import holds a
transaction open. A job whose beat stopped (its process was restarted or killed) is shown as
failed, with what to do.
"""

import logging
import threading
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connections, transaction
from django.utils import timezone

from transfer import importing
from transfer.models import ImportJob

logger = logging.getLogger(__name__)
BEAT_SECONDS = 2
# Beats wait while SQLite is held by another writer (a preview's long transaction).
STALE_AFTER = timedelta(minutes=2)
KEPT_FOR = timedelta(days=7)  # an ended job's page, then its row goes
STOPPED = (
    "The import stopped before it finished: the web server was restarted while it ran. "
    "Posts stored before that are kept. Start it again: what is already here is left as it "
    "is and only what is missing is added."
)
UNEXPECTED = (
    "The import stopped on an unexpected error ({error}). Posts stored before it are kept; "
    "importing again adds only what is missing."
)


class Progress:
    """What the import is doing, in words; the beat writes it to the job's row."""

    def __init__(self):
        self.text = "Starting"

    def say(self, text):
        self.text = text[:200]


def start(user, choices, *, dry_run):
    """A new job, its thread started once the row is committed (the thread reads it)."""
    ended = ImportJob.objects.exclude(state=ImportJob.State.RUNNING)
    ended.filter(started_at__lt=timezone.now() - KEPT_FOR).delete()
    job = ImportJob.objects.create(
        user=user, dry_run=dry_run, choices=choices, seen_at=timezone.now()
    )
    transaction.on_commit(lambda: launch(job.pk))
    return job


def launch(pk):
    progress, done = Progress(), threading.Event()
    for work, name in ((beat, f"import-job-{pk}-beat"), (run, f"import-job-{pk}")):
        threading.Thread(
            target=own_connections, args=(work, pk, progress, done), name=name, daemon=True
        ).start()


def own_connections(work, *args):
    """Runs `work` in a thread of its own, whose database connections close after it."""
    try:
        work(*args)
    finally:
        connections.close_all()


def run(pk, progress=None, done=None):
    """Does the job's import and keeps its result, or why it failed."""
    progress = progress or Progress()
    try:
        job = ImportJob.objects.select_related("user").get(pk=pk)
        shown = importing.perform(job.user, job.choices, dry_run=job.dry_run, say=progress.say)
        finish(pk, state=ImportJob.State.DONE, result=shown, progress="Done")
    except importing.PROBLEMS as error:
        finish(pk, state=ImportJob.State.FAILED, error=importing.message(error))
    except Exception as error:  # whatever stopped it, the page must say so
        logger.exception("Import job %s failed", pk)
        finish(pk, state=ImportJob.State.FAILED, error=UNEXPECTED.format(error=error))
    finally:
        if done is not None:
            done.set()


def finish(pk, **fields):
    # The outcome is written even over a "stopped" verdict given while it ran: it is true.
    ImportJob.objects.filter(pk=pk).update(seen_at=timezone.now(), **fields)


def beat(pk, progress, done):
    while not done.wait(BEAT_SECONDS):
        close_old_connections()
        try:
            ImportJob.objects.filter(pk=pk, state=ImportJob.State.RUNNING).update(
                progress=progress.text, seen_at=timezone.now()
            )
        except DatabaseError:  # the next beat may get through
            logger.warning("Import job %s: its progress could not be written", pk)


def current(job):
    """The job as the page shows it: a running job that stopped beating has failed,
    unless its thread is seen running in this very process."""
    silent = job.seen_at < timezone.now() - STALE_AFTER
    if job.state == ImportJob.State.RUNNING and silent and not running_here(job.pk):
        ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING).update(
            state=ImportJob.State.FAILED, error=STOPPED
        )
        job.refresh_from_db()
    return job


def running_here(pk):
    return any(thread.name == f"import-job-{pk}" for thread in threading.enumerate())
