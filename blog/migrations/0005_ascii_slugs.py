"""Slugs the post address cannot hold, made valid ASCII ones.

Imports before the importer made every slug ASCII stored WordPress's decoded post_name as
it was (`...-recovery-🧘`, `kyčle-a-schody`): reverse() cannot build such a post's address,
and the admin refuses to save it ("Enter a valid slug"). Each one becomes the slug the
importer makes now (blog/slugs.py): accents folded, symbols dropped, else the title's,
else "post", unique among the posts.
"""

from django.db import migrations


def fix_slugs(apps, schema_editor):
    # App code imported only when this runs, so that loading the migration graph never
    # depends on it.
    from align.cache import site
    from blog.slugs import is_address, post_slug, unique_slug

    posts = apps.get_model("blog", "Post").objects.using(schema_editor.connection.alias)
    length = posts.model._meta.get_field("slug").max_length
    broken = [
        (pk, slug, title)
        for pk, slug, title in posts.order_by("pk").values_list("pk", "slug", "title")
        if not is_address(slug) or len(slug) > length
    ]
    for pk, slug, title in broken:
        fixed = unique_slug(post_slug(slug, title, length=length), posts.exclude(pk=pk), length)
        posts.filter(pk=pk).update(slug=fixed)
    if broken:
        site.clear()  # lists cached with these posts' stand-in links


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0004_post_search_document"),
    ]

    operations = [
        migrations.RunPython(fix_slugs, migrations.RunPython.noop),
    ]
