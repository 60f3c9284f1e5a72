from django.contrib import admin, messages
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, IntegerField, Value, When
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import truncatechars
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from align import moments
from comments import erasure, queue, services, text, undo
from comments.admin_forms import MoveForm, ReplyForm
from comments.models import BlockedTerm, Comment
from comments.thread import Shared, draw, rows

# One place for what each moderation choice does: the row buttons and the bulk actions.
MODERATION = {
    "approve": (Comment.Status.APPROVED, "Approve", "Approved"),
    "spam": (Comment.Status.SPAM, "Mark as spam", "Marked as spam"),
    "remove": (Comment.Status.REMOVED, "Remove", "Removed"),
}
# The admin's history line for a moderation choice; removals() reads it back.
MODERATED = "{done} (was {was})."


def removals():
    """{comment pk: (status before, when)} for each removal the admin's history recorded,
    the latest of each comment's. Comments removed another way (an import, an erasure)
    are not in it."""
    head, tail = MODERATED.format(done=MODERATION["remove"][2], was="\n").split("\n")
    statuses = {label: value for value, label in Comment.Status.choices}
    entries = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), change_message__startswith=head
    ).order_by("action_time", "pk")
    found = {}
    for pk, message, moment in entries.values_list("object_id", "change_message", "action_time"):
        status = statuses.get(message.removeprefix(head).removesuffix(tail))
        if status:
            found[int(pk)] = (status, moment)
    return found


def author_name_for(user):
    profile = getattr(user, "author_profile", None)
    return profile.name if profile else (user.get_full_name() or user.get_username())


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_filter = ["status", queue.PostFilter, queue.UnansweredFilter]
    search_fields = ["author_name", "author_email", "body"]
    list_select_related = ["post", "parent", "user"]
    list_per_page = 50
    # A million comments: no count of them all per page view (see comments/queue.py).
    paginator = queue.EstimatedCountPaginator
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    actions = ["approve", "mark_as_spam", "remove", "erase_commenters_data"]
    fields = [
        "post",
        "parent",
        "author_name",
        "author_email",
        "author_url",
        "body",
        "status",
        "notify_replies",
        "user",
        "ip_address",
        "user_agent",
        "submitted",
    ]
    readonly_fields = ["post", "parent", "user", "ip_address", "user_agent", "submitted"]

    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    class Media:
        css = {"all": ["css/admin.css"]}

    # What needs attention first: pending comments, then the newest.
    ordering = [
        Case(
            When(status=Comment.Status.PENDING, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        ).asc(),
        "-created_at",
    ]

    @admin.display(description="Author", ordering="author_name")
    def author(self, comment):
        website = (
            format_html('<br><a href="{0}" rel="nofollow noopener">{0}</a>', comment.author_url)
            if comment.author_url
            else ""
        )
        return format_html(
            "<strong>{}</strong>{}<br>{}{}<br><small>IP {}</small>",
            comment.author_name,
            " (author)" if comment.by_staff else "",
            comment.author_email,
            website,
            comment.ip_address or "—",
        )

    def get_queryset(self, request):
        return super().get_queryset(request).defer(*queue.UNSHOWN)

    def get_list_display(self, request):
        buttons = self.moderate_column(self.get_preserved_filters(request))
        return ["author", queue.comment_column(), "post_title", "submitted", buttons]

    @admin.display(description="Submitted", ordering="created_at")
    def submitted(self, comment):
        local = moments.local(comment.created_at)
        return date_format(local, "N j, Y, P") if local else "Undated"

    @admin.display(description="Post", ordering="post__title")
    def post_title(self, comment):
        return format_html(
            '<a href="{}">{}</a>',
            comment.post.get_absolute_url(),
            truncatechars(comment.post.title, 40),
        )

    def moderate_column(self, preserved_filters):
        """The Moderate column for one view of the queue: its Reply links carry the
        queue's filters (as Django's links to a comment's page do), to come back to."""

        @admin.display(description="Moderate")
        def moderate_buttons(comment):
            """One click per row: each button posts the change list's own form here."""
            buttons = [
                format_html(
                    '<button type="submit" class="{}" formaction="{}">{}</button>',
                    action,
                    reverse("admin:comments_comment_moderate", args=[comment.pk, action]),
                    label,
                )
                for action, (status, label, _) in MODERATION.items()
                if comment.status != status
            ]
            if comment.status in Comment.ANSWERABLE:
                reply = reverse("admin:comments_comment_reply", args=[comment.pk])
                if preserved_filters:
                    reply += "?" + preserved_filters
                buttons.append(format_html('<a class="button" href="{}">Reply</a>', reply))
            return format_html(
                '<div class="moderation-buttons">{}</div>',
                format_html_join("", "{}", zip(buttons)),
            )

        return moderate_buttons

    def moderate(self, request, comments, action):
        """Gives `comments` the action's status; returns its past tense and {pk: status
        before} of those it changed, for an Undo."""
        status, _, done = MODERATION[action]
        before = services.set_status(comments, status)
        labels = dict(Comment.Status.choices)
        for comment in comments:
            if comment.pk in before:
                was = labels[before[comment.pk]]
                self.log_change(request, comment, MODERATED.format(done=done, was=was))
        return done, before

    def bulk(self, request, queryset, action):
        done, before = self.moderate(request, list(queryset), action)
        count = len(before)
        self.message_user(
            request,
            format_html(
                "{}: {} comment{}. {}",
                done,
                count,
                "s" if count != 1 else "",
                undo.button(request, before, MODERATION[action][0]),
            ),
        )

    @admin.action(description="Approve", permissions=["change"])
    def approve(self, request, queryset):
        self.bulk(request, queryset, "approve")

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_as_spam(self, request, queryset):
        self.bulk(request, queryset, "spam")

    @admin.action(description="Remove", permissions=["change"])
    def remove(self, request, queryset):
        self.bulk(request, queryset, "remove")

    @admin.action(description="Erase commenter's data", permissions=["change"])
    def erase_commenters_data(self, request, queryset):
        """All comments of the selected comments' email addresses: anonymized or removed."""
        return erasure.erase(self, request, queryset)

    def changelist_view(self, request, extra_context=None):
        # The queue, not Django's "Select comment to change".
        return super().changelist_view(request, {"title": "Comments", **(extra_context or {})})

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/moderate/<str:action>/",
                view(require_POST(self.moderate_view)),
                name="comments_comment_moderate",
            ),
            path("undo/", view(require_POST(self.undo_view)), name="comments_comment_undo"),
            path("<int:pk>/reply/", view(self.reply_view), name="comments_comment_reply"),
            path("<int:pk>/move/", view(self.move_view), name="comments_comment_move"),
            *super().get_urls(),
        ]

    def moderate_view(self, request, pk, action):
        if not self.has_change_permission(request) or action not in MODERATION:
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        done, before = self.moderate(request, [comment], action)
        self.message_user(
            request,
            format_html(
                "{}: {} on “{}”. {}",
                done,
                comment.author_name,
                comment.post.title,
                undo.button(request, before, MODERATION[action][0]),
            ),
        )
        return redirect(self.page_before(request))

    def undo_view(self, request):
        """Puts back the statuses a moderation changed (the message's Undo button)."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        try:
            before, now = undo.read(request.POST.get("undo"))
        except undo.Expired:
            self.message_user(
                request,
                "That Undo no longer works: change the comment’s status from the queue.",
                messages.ERROR,
            )
            return redirect(self.page_before(request))
        restored = services.restore_status(before, now)
        labels = dict(Comment.Status.choices)
        for comment in restored:
            change = f"Undone: {comment.get_status_display()} again (was {labels[now]})."
            self.log_change(request, comment, change)
        level = messages.SUCCESS if restored else messages.WARNING
        self.message_user(request, undo.undone(restored), level)
        return redirect(self.page_before(request))

    def page_before(self, request):
        """The admin page the request came from (the queue with its filters), else the queue."""
        back = request.META.get("HTTP_REFERER", "")
        if not url_has_allowed_host_and_scheme(back, {request.get_host()}):
            back = reverse("admin:comments_comment_changelist")
        return back

    def queue_url(self, request):
        """The queue as the request's page was reached from it: with its filters."""
        url = reverse("admin:comments_comment_changelist")
        # Read and written again, so only a query string reaches the address.
        filters = QueryDict(request.GET.get("_changelist_filters", "")).urlencode()
        return f"{url}?{filters}" if filters else url

    def has_add_permission(self, request):
        # New comments come from readers' form or from Reply, both through services.py.
        return False

    def thread_context(self, comment):
        """The comment's whole thread, every status shown, drawn as the site draws comments."""
        tree = Comment.objects.filter(tree_id=comment.tree_id).with_by_staff().order_by("lft")
        return {"thread": draw(rows(tree), Shared(None, {}, set(), comment.pk))}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        comment = self.get_object(request, object_id)
        context = self.thread_context(comment) if comment else {}
        return super().change_view(
            request, object_id, form_url, {**context, **(extra_context or {})}
        )

    def save_model(self, request, obj, form, change):
        obj.body_html = text.render(obj.body)
        super().save_model(request, obj, form, change)

    # Deletes, one or many (the "Delete selected" action ends here), go through the
    # service: under the post's lock, closing each gap in the tree.
    def delete_model(self, request, obj):
        services.delete_comment(obj)

    def delete_queryset(self, request, queryset):
        services.delete_comments(queryset)

    def move_view(self, request, pk):
        """The therapist moves a comment, with its replies, elsewhere in its post's thread."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        form = MoveForm(comment, request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            parent = form.cleaned_data["target"]
            try:
                services.move_comment(comment, parent)
            except services.TreeChangeRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                place = f"under {parent.author_name}’s comment" if parent else "to the top level"
                self.log_change(request, comment, f"Moved {place}.")
                self.message_user(
                    request, f"{comment.author_name}’s comment moved {place}.", messages.SUCCESS
                )
                return redirect("admin:comments_comment_change", comment.pk)
        title = f"Move {comment.author_name}’s comment"
        return self.comment_page(request, comment, "move.html", title, form)

    def reply_view(self, request, pk):
        """The therapist answers a comment: an approved author reply, last under it."""
        if not request.user.has_perm("comments.add_comment"):
            raise PermissionDenied
        comment = get_object_or_404(
            Comment.objects.select_related("post"), pk=pk, status__in=Comment.ANSWERABLE
        )
        form = ReplyForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            user = request.user
            reply = services.post_comment(
                comment.post,
                parent=comment,
                name=author_name_for(user),
                email=user.email,
                body=form.cleaned_data["body"],
                status=Comment.Status.APPROVED,
                user=user,
                site=request.build_absolute_uri("/"),
            )
            LogEntry.objects.log_actions(
                user.pk,
                [reply],
                ADDITION,
                change_message="Replied from the admin.",
                single_object=True,
            )
            self.message_user(
                request,
                format_html(
                    'Your reply to {} is published. <a href="{}">See it on the site</a>.',
                    comment.author_name,
                    reply.get_absolute_url(),
                ),
                messages.SUCCESS,
            )
            return redirect(self.queue_url(request))
        title = f"Reply to {comment.author_name}"
        return self.comment_page(request, comment, "reply.html", title, form)

    def comment_page(self, request, comment, template, title, form):
        """A page that acts on one comment, with its thread (admin/comments/comment/)."""
        context = {
            **self.admin_site.each_context(request),
            **self.thread_context(comment),
            "opts": self.opts,
            "title": title,
            "form": form,
            "comment": comment,
            "queue_url": self.queue_url(request),
        }
        return TemplateResponse(request, f"admin/comments/comment/{template}", context)


@admin.register(BlockedTerm)
class BlockedTermAdmin(admin.ModelAdmin):
    list_display = ["value", "kind", "created_at"]
    list_filter = ["kind"]
    search_fields = ["value"]
