from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from django.middleware.csrf import get_token

        from align import pagecache
        from comments.forms import issued_now
        from comments.models import Comment
        from comments.permissions import ensure_therapist_group
        from comments.thread import thread_changed
        from comments.visitor import AUTHOR_COOKIE, OWN_COOKIE

        # After auth's own post_migrate has made the permissions (auth is listed first).
        post_migrate.connect(ensure_therapist_group, sender=self)
        post_save.connect(thread_changed, sender=Comment, dispatch_uid="thread-saved")
        post_delete.connect(thread_changed, sender=Comment, dispatch_uid="thread-deleted")
        # A visitor's pending comments and saved details are on their page alone; the
        # comment form's token and stamp are each visitor's own, even on a cached page.
        pagecache.register_personal_cookie(OWN_COOKIE, AUTHOR_COOKIE)
        pagecache.register_slot("csrfmiddlewaretoken", get_token)
        pagecache.register_slot("issued", lambda request: issued_now())
