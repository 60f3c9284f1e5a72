"""A comment's search document, kept by PostgreSQL from its body on every write path
(the form, the admin, bulk thread writes, imports), weighted D: below a post's title,
summary and steps, and body. The GIN index holds approved comments only, so pending,
spam and removed text is not even in it. SQLite keeps the column empty.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
CREATE FUNCTION comments_comment_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document := setweight(to_tsvector('pg_catalog.english', NEW.body), 'D');
    RETURN NEW;
END $$;
CREATE TRIGGER comments_comment_search_document
    BEFORE INSERT OR UPDATE OF body ON comments_comment
    FOR EACH ROW EXECUTE FUNCTION comments_comment_search_document();
UPDATE comments_comment SET body = body;
CREATE INDEX comment_search_approved ON comments_comment USING gin (search_document)
    WHERE status = 'approved';
"""

BACKWARD = """
DROP INDEX IF EXISTS comment_search_approved;
DROP TRIGGER IF EXISTS comments_comment_search_document ON comments_comment;
DROP FUNCTION IF EXISTS comments_comment_search_document();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_used_stamp"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD)),
    ]
