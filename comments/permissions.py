"""The therapist's staff group: everything about posts, exercises, categories and comments;
nothing about users or groups."""

from django.apps import apps as global_apps

GROUP = "Therapist"
MODELS = {
    "blog": ["post", "step", "exercise", "category", "author"],
    "comments": ["comment", "blockedterm"],
}
ACTIONS = ["add", "change", "delete", "view"]


def ensure_therapist_group(apps=global_apps, **kwargs):
    """Creates the group with exactly its permissions (from a migration and after each
    migrate or test flush, so it is always there and always current)."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    codenames = [
        f"{action}_{model}" for models in MODELS.values() for model in models for action in ACTIONS
    ]
    group.permissions.set(
        Permission.objects.filter(content_type__app_label__in=list(MODELS), codename__in=codenames)
    )
