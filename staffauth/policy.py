"""Who must give a second factor, and who counts as signed in until they have."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser

from comments.permissions import GROUP

# Reading every commenter's or follower's address, or changing users (and so anyone's
# password or powers): staff holding any, whatever group gave it, sign in with two factors too.
GUARDED_PERMISSIONS = ["comments.view_comment", "subscriptions.view_subscriber", "auth.change_user"]


def required(user):
    """Whether `user` must sign in with two factors: with ADMIN_REQUIRE_2FA on, superusers,
    the therapist's group (who can publish to every reader) and staff holding one of
    GUARDED_PERMISSIONS."""
    return (
        settings.ADMIN_REQUIRE_2FA
        and user.is_authenticated
        and (
            user.is_superuser
            or user.groups.filter(name=GROUP).exists()
            or (user.is_staff and any(map(user.has_perm, GUARDED_PERMISSIONS)))
        )
    )


def signed_in(user):
    """`user`, or nobody while they must give a second factor and have not: every view (the
    admin, the import pages, the staff bar on the site) then treats them as a visitor, so no
    session that skipped the second step keeps a staff power, e.g. one that began before the
    setting was turned on."""
    return AnonymousUser() if required(user) and not user.is_verified() else user
