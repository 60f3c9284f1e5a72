"""What the therapist's staff group may do with following by email: see who follows what,
export it and remove any of it; never add or change an address, which only its owner does,
by confirming."""

from django.apps import apps as global_apps

from comments.permissions import GROUP

CODENAMES = [
    f"{action}_{model}" for model in ["subscriber", "subscription"] for action in ["view", "delete"]
]


def grant_therapist_group(apps=global_apps, **kwargs):
    """Adds these permissions to the group after each migrate or test flush, once comments
    has set the group's own (it comes first in INSTALLED_APPS, so its post_migrate does)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="subscriptions", codename__in=CODENAMES)
    )
