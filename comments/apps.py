from django.apps import AppConfig
from django.db.models.signals import post_delete, post_migrate, post_save


class CommentsConfig(AppConfig):
    name = "comments"
    verbose_name = "Comments"

    def ready(self):
        from align import jinja2, pagecache
        from blog import search
        from comments import search as comment_search
        from comments import templating
        from comments.models import Comment
        from comments.own import adapted
        from comments.pages import PAGE_PARAMETER
        from comments.permissions import ensure_therapist_group
        from comments.section import section_context
        from comments.thread import thread_changed
        from comments.visitor import OWN_COOKIE

        # After auth's own post_migrate has made the permissions (auth is listed first).
        post_migrate.connect(ensure_therapist_group, sender=self)
        post_save.connect(thread_changed, sender=Comment, dispatch_uid="thread-saved")
        post_delete.connect(thread_changed, sender=Comment, dispatch_uid="thread-deleted")
        # A visitor's pending comments are on their page alone, spliced into the cached
        # one. Saved details, the form's token and stamp are not in any page: the form
        # asks for them when its visitor starts writing (comments.views.form_state).
        pagecache.register_personal_cookie(OWN_COOKIE, adapt=adapted)
        # A long thread comes in pages, each with its own cached address (comments/pages.py).
        pagecache.register_part_parameter(PAGE_PARAMETER)
        # Blog's templates show counts and the comment section through these.
        jinja2.register(
            functions=[templating.with_comment_counts, section_context],
            filters=[templating.comments_label],
        )
        # Site search (blog's) finds approved comments through this source.
        search.register_source(comment_search.SOURCE)
