from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp import devices_for_user


class Command(BaseCommand):
    help = (
        "Removes a user's authenticator app and backup codes, for a lost or replaced "
        "phone: their sessions lose the second step, and their next sign-in sets up a new app."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user is named {username!r}.") from None
        devices = list(devices_for_user(user, confirmed=None))
        for device in devices:
            device.delete()
        self.stdout.write(
            f"Removed {len(devices)} two-factor device(s) of {username}. "
            "Their next sign-in sets up an authenticator app again."
            if devices
            else f"{username} had no two-factor device; nothing to remove."
        )
