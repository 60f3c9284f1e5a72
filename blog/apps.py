from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Blog"

    def ready(self):
        from django.conf import settings
        from PIL import Image

        # Pillow refuses to decode images above twice this size; our own check in
        # CheckedImageFormField answers everything above it with a clear message first.
        Image.MAX_IMAGE_PIXELS = settings.IMAGE_MAX_PIXELS
