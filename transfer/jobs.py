"""Previews and imports from the Import page run as background jobs: rows of ImportJob that
any runner may claim, while the page polls the row.

A runner is a thread of a web process, started when a job is queued or when its page finds
it waiting with nobody on it, or the run_import_jobs command (a service of its own). Each
claims a job by one conditional UPDATE, so two never take the same one. While it works, a
second thread beats for it: every few seconds it writes how far the job got and that it is
alive, on its own connection, so the beat is seen even while the import holds a transaction
open. A job whose beat stopped (its process was restarted or killed) is claimed again and
run from the start: an import leaves what is stored as it is and adds only what is missing,
so a resumed one ends as if it had never stopped. Each claim is numbered (the job's
attempts), and a runner writes to its job only while the number is its own: one that was
presumed gone and comes back finds the job claimed again, stops and writes nothing, so two
runners never run the same job to its end. A database that stops answering stops no runner:
it tries again after a pause.
"""

import logging
import threading
import time
from datetime import timedelta
from typing import NamedTuple

from django.db import DatabaseError, close_old_connections, connections, transaction
from django.db.models import F, Q
from django.utils import timezone

from transfer import importing
from transfer.models import ImportJob

logger = logging.getLogger(__name__)
BEAT_SECONDS = 2
# Beats wait while SQLite is held by another writer (a post with a long thread).
STALE_AFTER = timedelta(minutes=2)
KEPT_FOR = timedelta(days=7)  # an ended job's page, then its row goes
MOST_ATTEMPTS = 3  # a job that stops its runner each time is not taken up forever
RUNNER = "import-jobs"
STOPPED = (
    "The import stopped before it finished, {attempts} times: the server was restarted or "
    "ran out of memory while it ran. Posts stored before that are kept. Start it again: what "
    "is already here is left as it is and only what is missing is added."
)
UNEXPECTED = (
    "The import stopped on an unexpected error ({error}). Posts stored before it are kept; "
    "importing again adds only what is missing."
)
starting = threading.Lock()


class Claim(NamedTuple):
    """A job as one runner took it up: its row, and which of its attempts this is."""

    pk: int
    attempt: int


class Lost(Exception):
    """The job was claimed again by another runner: this one stops, writing nothing more."""


class Progress:
    """What the import is doing, in words; the beat writes it to the job's row, and marks
    it lost when the job is no longer this runner's, so the import stops at its next word."""

    def __init__(self):
        self.text = "Starting"
        self.lost = False

    def say(self, text):
        if self.lost:
            raise Lost
        self.text = text[:200]


def start(user, choices, *, dry_run):
    """A new queued job; this process's runner is woken once the row is committed."""
    ended = ImportJob.objects.filter(state__in=[ImportJob.State.DONE, ImportJob.State.FAILED])
    ended.filter(started_at__lt=timezone.now() - KEPT_FOR).delete()
    job = ImportJob.objects.create(
        user=user, dry_run=dry_run, choices=choices, seen_at=timezone.now()
    )
    transaction.on_commit(wake)
    return job


def wake():
    """Starts this process's runner thread, unless it is running."""
    with starting:
        if not any(thread.name == RUNNER for thread in threading.enumerate()):
            threading.Thread(
                target=own_connections, args=(keep_running,), name=RUNNER, daemon=True
            ).start()


def own_connections(work, *args):
    """Runs `work` in a thread of its own, whose database connections close after it."""
    try:
        work(*args)
    finally:
        connections.close_all()


def keep_running():
    """The web process's runner: runs what waits, again after a pause while the database
    does not answer."""
    while not run_pending():
        time.sleep(BEAT_SECONDS)


def run_pending():
    """Claims and runs jobs, each with its beat, until none is waiting; False when the
    database stopped answering (said in one line), to be tried again after a pause."""
    try:
        while (taken := claim()) is not None:
            progress, done = Progress(), threading.Event()
            threading.Thread(
                target=own_connections,
                args=(beat, taken, progress, done),
                name=f"import-job-{taken.pk}-beat",
                daemon=True,
            ).start()
            run(taken, progress, done)
    except DatabaseError as error:
        logger.warning(
            "Import jobs wait: the database did not answer (%s)", " ".join(str(error).split())
        )
        close_old_connections()  # the next try connects again
        return False
    return True


def claimable():
    """Queued jobs, and running ones whose runner stopped beating."""
    stale = timezone.now() - STALE_AFTER
    return ImportJob.objects.filter(
        Q(state=ImportJob.State.QUEUED) | Q(state=ImportJob.State.RUNNING, seen_at__lt=stale)
    )


def claim():
    """The Claim of a job this runner now has, or None. The UPDATE only matches the row as
    it was read, so of two runners reading the same job one gets it."""
    for pk, state, seen_at, attempts in (
        claimable().order_by("pk").values_list("pk", "state", "seen_at", "attempts")[:10]
    ):
        found = ImportJob.objects.filter(pk=pk, state=state, seen_at=seen_at)
        if attempts >= MOST_ATTEMPTS:
            found.update(state=ImportJob.State.FAILED, error=STOPPED.format(attempts=attempts))
            continue
        progress = "Starting again" if attempts else "Starting"
        if found.update(
            state=ImportJob.State.RUNNING,
            seen_at=timezone.now(),
            attempts=F("attempts") + 1,
            progress=progress,
        ):
            return Claim(pk, attempts + 1)
    return None


def run(taken, progress=None, done=None):
    """Does the claimed job's preview or import and keeps its result, or why it failed."""
    progress = progress or Progress()
    try:
        job = ImportJob.objects.select_related("user").get(pk=taken.pk)
        shown = importing.perform(job.user, job.choices, dry_run=job.dry_run, say=progress.say)
        finish(taken, state=ImportJob.State.DONE, result=shown, progress="Done")
    except Lost:
        logger.warning("Import job %s was claimed again by another runner: left to it", taken.pk)
    except importing.PROBLEMS as error:
        finish(taken, state=ImportJob.State.FAILED, error=importing.message(error))
    except Exception as error:  # whatever stopped it, the page must say so
        logger.exception("Import job %s failed", taken.pk)
        finish(taken, state=ImportJob.State.FAILED, error=UNEXPECTED.format(error=error))
    finally:
        if done is not None:
            done.set()


def still_ours(taken):
    """The job's row while `taken` is its latest claim and it runs: none once another
    runner claimed it again, or it was given up."""
    return ImportJob.objects.filter(
        pk=taken.pk, attempts=taken.attempt, state=ImportJob.State.RUNNING
    )


def finish(taken, **fields):
    still_ours(taken).update(seen_at=timezone.now(), **fields)


def beat(taken, progress, done):
    while not done.wait(BEAT_SECONDS):
        close_old_connections()
        try:
            if not still_ours(taken).update(progress=progress.text, seen_at=timezone.now()):
                progress.lost = True
                return
        except DatabaseError:  # the next beat may get through
            logger.warning("Import job %s: its progress could not be written", taken.pk)


def current(job):
    """The job as the page shows it; one waiting with nobody on it (queued while every
    runner was busy or gone, or left by a runner that stopped) wakes this process's runner."""
    if claimable().filter(pk=job.pk).exists():
        transaction.on_commit(wake)
    return job
