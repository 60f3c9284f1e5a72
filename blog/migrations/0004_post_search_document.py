"""A post's search document, kept by PostgreSQL itself, so every write path counts.

Posts, steps and exercises are written by the admin, by bulk loaders (demo, import) and by
plain update() calls, none of which need to remember search: triggers keep
blog_post.search_document = title (weight A), summary and the sequence's exercise names,
instructions and step notes (B), body (C). A GIN index serves the search. SQLite has no
full-text search of this kind; there the column stays empty and search reads the text.
"""

import django.contrib.postgres.search
from django.db import migrations

FORWARD = """
CREATE FUNCTION blog_post_search_document() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.search_document :=
        setweight(to_tsvector('pg_catalog.english', coalesce(NEW.title, '')), 'A')
        || setweight(to_tsvector('pg_catalog.english', coalesce(NEW.summary, '') || ' '
            || coalesce((
                SELECT string_agg(e.name || ' ' || e.instructions || ' ' || s.note, ' '
                                  ORDER BY s.position, s.id)
                FROM blog_step s JOIN blog_exercise e ON e.id = s.exercise_id
                WHERE s.post_id = NEW.id), '')), 'B')
        || setweight(to_tsvector('pg_catalog.english', coalesce(NEW.body, '')), 'C');
    RETURN NEW;
END $$;
CREATE TRIGGER blog_post_search_document BEFORE INSERT OR UPDATE ON blog_post
    FOR EACH ROW EXECUTE FUNCTION blog_post_search_document();

-- A changed sequence or exercise rewrites its posts' documents: once per statement, so
-- a bulk insert of steps recomputes each post once.
CREATE FUNCTION blog_step_touches_post() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE blog_post SET search_document = NULL
        WHERE id IN (SELECT post_id FROM new_steps);
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE blog_post SET search_document = NULL
        WHERE id IN (SELECT post_id FROM old_steps);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER blog_step_inserted AFTER INSERT ON blog_step
    REFERENCING NEW TABLE AS new_steps
    FOR EACH STATEMENT EXECUTE FUNCTION blog_step_touches_post();
CREATE TRIGGER blog_step_updated AFTER UPDATE ON blog_step
    REFERENCING OLD TABLE AS old_steps NEW TABLE AS new_steps
    FOR EACH STATEMENT EXECUTE FUNCTION blog_step_touches_post();
CREATE TRIGGER blog_step_deleted AFTER DELETE ON blog_step
    REFERENCING OLD TABLE AS old_steps
    FOR EACH STATEMENT EXECUTE FUNCTION blog_step_touches_post();

CREATE FUNCTION blog_exercise_touches_posts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE blog_post SET search_document = NULL
    WHERE id IN (SELECT s.post_id FROM blog_step s JOIN changed_exercises c
                 ON c.id = s.exercise_id);
    RETURN NULL;
END $$;
CREATE TRIGGER blog_exercise_updated AFTER UPDATE ON blog_exercise
    REFERENCING NEW TABLE AS changed_exercises
    FOR EACH STATEMENT EXECUTE FUNCTION blog_exercise_touches_posts();

CREATE INDEX blog_post_search_document ON blog_post USING gin (search_document);
UPDATE blog_post SET search_document = NULL;
"""

BACKWARD = """
DROP TRIGGER IF EXISTS blog_exercise_updated ON blog_exercise;
DROP TRIGGER IF EXISTS blog_step_inserted ON blog_step;
DROP TRIGGER IF EXISTS blog_step_updated ON blog_step;
DROP TRIGGER IF EXISTS blog_step_deleted ON blog_step;
DROP TRIGGER IF EXISTS blog_post_search_document ON blog_post;
DROP FUNCTION IF EXISTS blog_exercise_touches_posts();
DROP FUNCTION IF EXISTS blog_step_touches_post();
DROP FUNCTION IF EXISTS blog_post_search_document();
DROP INDEX IF EXISTS blog_post_search_document;
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0003_post_body_html"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="search_document",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(on_postgresql(FORWARD), on_postgresql(BACKWARD)),
    ]
