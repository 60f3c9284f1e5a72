import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from transfer import jobs


class Command(BaseCommand):
    help = (
        "Runs the Import page's previews and imports: claims each waiting job (or one whose "
        "runner stopped) and runs it. Runs until stopped, unless --once."
    )

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run what waits now, then stop")
        parser.add_argument(
            "--every", type=float, default=2.0, metavar="S", help="seconds between looks"
        )

    def handle(self, *args, once, every, **options):
        while True:
            # A database that did not answer is asked again: --once ends after a whole look.
            if jobs.run_pending() and once:
                return
            time.sleep(every)
            close_old_connections()  # a database restarted meanwhile is reconnected to
