from django.conf import settings
from django.core.management.base import BaseCommand

from comments import privacy


class Command(BaseCommand):
    help = (
        "Clears the IP address and browser user agent of comments older than "
        "COMMENTS_IP_RETENTION_DAYS days (the privacy notice's promise). Run it daily."
    )

    def handle(self, *args, **options):
        days = settings.COMMENTS_IP_RETENTION_DAYS
        cleared = privacy.purge_addresses(days)
        plural = "" if cleared == 1 else "s"
        self.stdout.write(
            f"Cleared the IP address and user agent of {cleared} comment{plural} "
            f"older than {days} days."
        )
