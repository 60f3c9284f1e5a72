"""The mailer service: round after round, the following emails now due are queued
(subscriptions.sending) and django-mailer sends the queue, through database restarts."""

import logging
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from mailer.engine import send_all
from mailer.models import Message

from subscriptions.sending import send_follow_mail

logger = logging.getLogger(__name__)

# Mail the SMTP server refused or could not take goes back in the queue this often.
RETRY_DEFERRED_SECONDS = 300


def mail_round():
    """One round's work besides retrying: the following emails now due, then the queue.
    A fault in the first, one bad row included, is logged and leaves the rest of the mail
    going; the database going away stops the round (the loop waits for it)."""
    try:
        queued = send_follow_mail()
    except (OperationalError, InterfaceError):
        raise
    except Exception:
        logger.exception("Could not queue the following emails this round")
    else:
        if queued:
            logger.info("%s", queued)
    if Message.objects.non_deferred().exists():
        send_all()


class Command(BaseCommand):
    help = (
        "Queues the following emails as they fall due (as send_follow_mail does) and sends "
        "the queued mail until stopped: every MAILER_EMPTY_QUEUE_SLEEP seconds, deferred "
        "mail again every five minutes. While the database is away it says so once and "
        "waits for it."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--heartbeat",
            type=Path,
            help="a file touched after every round, so a health check can tell the loop runs",
        )

    def handle(self, *args, heartbeat=None, **options):
        every = settings.MAILER_EMPTY_QUEUE_SLEEP
        logger.info(
            "Sending queued mail every %s s, deferred mail again every %s s",
            every,
            RETRY_DEFERRED_SECONDS,
        )
        retry_at = 0.0
        database_away = False
        while True:
            try:
                if time.monotonic() >= retry_at:
                    Message.objects.retry_deferred()
                    retry_at = time.monotonic() + RETRY_DEFERRED_SECONDS
                mail_round()
            except DatabaseError as error:
                if not database_away:
                    first_line = str(error).strip().partition("\n")[0]
                    logger.warning("Database unavailable, waiting: %s", first_line)
                database_away = True
                # A broken connection is not reused: the next round opens a new one.
                connections.close_all()
            else:
                if database_away:
                    logger.warning("Database back: sending again")
                database_away = False
            if heartbeat:
                heartbeat.touch()
            time.sleep(every)
