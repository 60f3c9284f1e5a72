from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from align import jinja2
        from blog import search
        from comments import search as comment_search
        from comments import templating
        from comments.models import Comment
        from comments.permissions import ensure_therapist_group
        from comments.thread import thread_changed

        # After auth's own post_migrate has made the permissions (auth is listed first).
        post_migrate.connect(ensure_therapist_group, sender=self)
        post_save.connect(thread_changed, sender=Comment, dispatch_uid="thread-saved")
        post_delete.connect(thread_changed, sender=Comment, dispatch_uid="thread-deleted")
        # Blog's list templates show comment counts through these. (The post page's
        # comment section comes through settings.COMMENT_SECTION: comments/section.py.)
        jinja2.register(
            functions=[templating.with_comment_counts], filters=[templating.comments_label]
        )
        # Site search (blog's) finds approved comments through this source.
        search.register_source(comment_search.SOURCE)
