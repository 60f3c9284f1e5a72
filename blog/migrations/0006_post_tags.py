from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0005_ascii_slugs"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="tags",
            field=models.TextField(
                blank=True,
                default="",
                db_default="",
                help_text="Tags from the old blog, kept but not shown as topics. Comma-separated.",
            ),
        ),
    ]
