from django.apps import AppConfig
from django.db.models.signals import post_migrate


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from comments.permissions import ensure_therapist_group

        # After auth's own post_migrate has made the permissions (auth is listed first).
        post_migrate.connect(ensure_therapist_group, sender=self)
