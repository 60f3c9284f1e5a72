from django.contrib.auth.management import create_permissions
from django.db import migrations

from comments.permissions import GROUP, MODELS, ensure_therapist_group


def create_group(apps, schema_editor):
    for label in MODELS:
        # Permissions are normally made after all migrations; the group needs them now.
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_therapist_group(apps)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("blog", "0002_step_order_and_help"),
        ("comments", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
