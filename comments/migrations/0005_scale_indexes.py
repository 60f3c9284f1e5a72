"""Indexes for a million comments: the queue's own order (also per post), the held few,
counts per post from the thread index alone; the indexes no query needs go (post_id and
tree_id alone, each the start of a wider one; status and its LIKE twin; created_at alone).

The search trigger of 0004 now trusts a document that comments/bulk.py computed for a
bulk insert by the same expression, once per distinct body, and said so for this
transaction; every other write (and every change of a body) is computed here as before.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

DOCUMENT = "setweight(to_tsvector('pg_catalog.english', NEW.body), 'D')"

TRUSTING = f"""
CREATE OR REPLACE FUNCTION comments_comment_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' AND NEW.search_document IS NOT NULL
            AND current_setting('comments.documents_given', true) = 'on' THEN
        RETURN NEW;
    END IF;
    NEW.search_document := {DOCUMENT};
    RETURN NEW;
END $$;
"""

ALWAYS = f"""
CREATE OR REPLACE FUNCTION comments_comment_search_document() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := {DOCUMENT};
    RETURN NEW;
END $$;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_post_search_document"),
        ("comments", "0004_comment_search_document"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="comment",
            name="comment_thread_order",
        ),
        migrations.AlterField(
            model_name="comment",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="comment",
            name="post",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="comments",
                to="blog.post",
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="status",
            field=models.CharField(
                choices=[
                    ("pending", "Pending"),
                    ("approved", "Approved"),
                    ("spam", "Spam"),
                    ("removed", "Removed"),
                ],
                default="pending",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="comment",
            name="tree_id",
            field=models.PositiveIntegerField(editable=False),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                fields=["post", "tree_id", "lft"],
                include=("status", "id"),
                name="comment_thread_order",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.Case(
                    models.When(status="pending", then=models.Value(0)), default=models.Value(1)
                ),
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="comment_queue",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                models.F("post"),
                models.Case(
                    models.When(status="pending", then=models.Value(0)), default=models.Value(1)
                ),
                models.OrderBy(models.F("created_at"), descending=True),
                models.OrderBy(models.F("id"), descending=True),
                name="comment_queue_by_post",
            ),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("status", "approved"), _negated=True),
                fields=["status", "post"],
                name="comment_held",
            ),
        ),
        migrations.RunPython(on_postgresql(TRUSTING), on_postgresql(ALWAYS)),
    ]
