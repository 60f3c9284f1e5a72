from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow refuses to decode images above twice this size; our own check in
        # CheckedImageFormField answers everything above it with a clear message first.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS

        from align.cache import site_changed
        from align.moments import load_unshowable_as_none

        connection_created.connect(load_unshowable_as_none, dispatch_uid="unshowable-dates")
        from blog.models import Author, Category, Exercise, Post, Step, render_body

        pre_save.connect(render_body, sender=Post, dispatch_uid="post-body-html")

        # Any change to what readers see makes every cached page stale (align/cache.py).
        for model in (Post, Step, Exercise, Category, Author):
            post_save.connect(site_changed, sender=model, dispatch_uid=f"site-{model}")
            post_delete.connect(site_changed, sender=model, dispatch_uid=f"gone-{model}")
        m2m_changed.connect(site_changed, sender=Post.categories.through)
