"""One round of following emails, as the mailer service runs on each of its rounds."""

from django.core.management.base import BaseCommand

from subscriptions.sending import send_follow_mail


class Command(BaseCommand):
    help = (
        "Queues the following emails now due: confirmations of conversations followed from "
        "the comment form, new comments in followed conversations (at once, or in a digest "
        "once FOLLOW_DIGEST_MINUTES have passed), and new posts (scheduled ones at their "
        "time). The mailer sends them."
    )

    def handle(self, *args, **options):
        self.stdout.write(str(send_follow_mail()))
