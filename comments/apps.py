from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from comments.models import Comment
        from comments.permissions import ensure_therapist_group
        from comments.thread import thread_changed

        # After auth's own post_migrate has made the permissions (auth is listed first).
        post_migrate.connect(ensure_therapist_group, sender=self)
        post_save.connect(thread_changed, sender=Comment, dispatch_uid="thread-saved")
        post_delete.connect(thread_changed, sender=Comment, dispatch_uid="thread-deleted")
