from django.db import migrations, models

BATCH = 500


def render_bodies(apps, schema_editor):
    """Every existing post's body_html, rendered as saving the post would render it."""
    # The renderer saving a post uses; imported only when this runs, so that loading the
    # migration graph never depends on app code.
    from blog.markdown import render

    posts = apps.get_model("blog", "Post").objects.using(schema_editor.connection.alias)
    batch = []
    for post in posts.only("pk", "body").order_by("pk").iterator(chunk_size=BATCH):
        post.body_html = render(post.body)
        batch.append(post)
        if len(batch) == BATCH:
            posts.bulk_update(batch, ["body_html"])
            batch = []
    posts.bulk_update(batch, ["body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_step_order_and_help"),
    ]

    operations = [
        migrations.AddField(
            model_name="post",
            name="body_html",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text=(
                    "The body as readers see it: rendered and sanitized whenever the post is saved."
                ),
            ),
        ),
        migrations.RunPython(render_bodies, migrations.RunPython.noop),
    ]
