from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminFileWidget, AdminSplitDateTime
from django.contrib.auth import get_user_model
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from align import moments
from blog import markdown, sequence_admin
from blog.images import CheckedImageField, DescribedImagesForm, KeepsUpload
from blog.models import Author, Category, Exercise, Post, Step

# The admin's side menu takes a third of a laptop screen from the comment queue.
admin.site.enable_nav_sidebar = False
admin.site.site_header = "ALIGN integration|movement"


def thumbnail(image_field, rendition, alt):
    if not image_field:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" class="admin-thumb" width="120" loading="lazy">',
        rendition.url,
        alt,
    )


class MarkdownWidget(forms.Textarea):
    """A Markdown textarea with a live preview rendered by the same code readers see."""

    template_name = "admin/blog/markdown_widget.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        # Its own help, under the box (the template): the one Markdown help on the page.
        widget_attrs = context["widget"]["attrs"]
        if widget_attrs.get("id"):
            widget_attrs["aria-describedby"] = widget_attrs["id"] + "_markdown_help"
        return context

    class Media:
        js = ["js/markdown-preview.js"]
        css = {"all": ["css/admin.css"]}


class KeptImageWidget(KeepsUpload, AdminFileWidget):
    """The admin's file input, keeping a good upload when the form comes back with an error."""

    template_name = "admin/blog/kept_file_input.html"


# A picture's field keeps its upload through a form's errors (blog/images.py).
KEPT_IMAGES = {CheckedImageField: {"widget": KeptImageWidget}}


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time boxes, each named by its own label (Django's are plain text
    beside them, which leaves both boxes without a name)."""

    template_name = "admin/blog/post/split_datetime.html"


class PostForm(DescribedImagesForm):
    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "author",
            "summary",
            "body",
            "categories",
            "tags",
            "lead_image",
            "lead_image_alt",
            "status",
            "published_at",
            "comments_open",
        ]
        # Plain controls, each named by its label (Django's filter boxes for the topics and
        # its split date and time leave some unnamed): a post's few topics are ticked.
        widgets = {
            "body": MarkdownWidget(attrs={"rows": 22}),
            "categories": forms.CheckboxSelectMultiple,
            "published_at": LabelledSplitDateTime,
        }
        help_texts = {"body": ""}  # the editor shows its own, fuller one

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.instance.published_at
        if stored and not moments.showable(stored):
            # Stored by other means than this form: the field cannot show it, so it starts
            # empty and says why.
            self.initial["published_at"] = None
            field = self.fields["published_at"]
            field.help_text = (
                f"The stored date (year {stored.year}) cannot be shown: set a new one."
            )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == Post.Status.PUBLISHED and not cleaned.get("published_at"):
            cleaned["published_at"] = timezone.now()
        return cleaned


def comments_counted(status):
    """A post's comments of `status`, counted in the comments' index (blog imports
    nothing from comments: the model comes through the relation)."""
    comment = Post._meta.get_field("comments").related_model
    counted = (
        comment.objects.filter(post=OuterRef("pk"), status=status)
        .order_by()
        .values("post")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted), 0)


class EachSideSelect(forms.NullBooleanSelect):
    """A step's "Each side": its exercise's own choice, or yes or no for this step."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", "As the exercise says"), ("true", "Yes"), ("false", "No")]


class StepForm(forms.ModelForm):
    class Meta:
        model = Step
        fields = [
            "position",
            "exercise",
            "hold_seconds",
            "each_side",
            "sets",
            "repetitions",
            "repetitions_max",
            "note",
        ]
        widgets = {"each_side": EachSideSelect}
        # Short, under each small field of the card: an empty one is the exercise's own.
        help_texts = {
            "position": "The order: change it to move the step.",
            "hold_seconds": "Empty: the exercise’s.",
            "each_side": "",
            "sets": "Empty: the exercise’s.",
            "repetitions": "Empty: the exercise’s.",
            "repetitions_max": "For a range like 8-10.",
        }


class StepInline(admin.StackedInline):
    """A post's steps, each a compact card of labelled fields (templates/admin/blog/post/,
    static/css/admin.css) that wraps to fit a phone: no table to scroll sideways."""

    model = Step
    form = StepForm
    extra = 1
    classes = ["step-cards"]
    fields = [
        ("position", "exercise", "photo"),
        ("hold_seconds", "each_side", "sets", "repetitions", "repetitions_max"),
        "note",
    ]
    readonly_fields = ["photo"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("exercise")

    @admin.display(description="Photo")
    def photo(self, step):
        exercise = step.exercise
        return thumbnail(exercise.photo, exercise.photo_400, exercise.photo_alt)


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    form = PostForm
    list_display = ["title", "state", "dated", "approved_comments", "pending_comments"]
    list_filter = ["status", "categories", "published_at"]
    search_fields = ["title", "summary", "body"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "published_at"
    readonly_fields = ["lead_image_preview"]
    formfield_overrides = KEPT_IMAGES
    inlines = [StepInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "author", "summary", "body", "categories", "tags"]}),
        (
            "Lead image",
            {"fields": ["lead_image", "lead_image_preview", "lead_image_alt"]},
        ),
        ("Publishing", {"fields": ["status", "published_at", "comments_open"]}),
    ]

    def get_changeform_initial_data(self, request):
        """A new post is by the signed-in writer, when she has an author profile."""
        initial = super().get_changeform_initial_data(request)
        profile = Author.objects.filter(user=request.user).only("pk").first()
        if profile and "author" not in initial:
            initial["author"] = profile.pk
        return initial

    def get_queryset(self, request):
        # Both counts in the list's own query, no query per row; each a subquery for the
        # posts on the page only (a join would group a million comments per page view).
        return (
            super()
            .get_queryset(request)
            .annotate(approved=comments_counted("approved"), pending=comments_counted("pending"))
        )

    @admin.display(description="Status", ordering="status")
    def get_changelist_instance(self, request):
        """The list without its date drill-down while a post has a date it cannot show."""
        changelist = super().get_changelist_instance(request)
        shown = Q(published_at__gte=moments.FIRST_SHOWN, published_at__lte=moments.LAST_SHOWN)
        if Post.objects.filter(published_at__isnull=False).exclude(shown).exists():
            changelist.date_hierarchy = None
        return changelist

    @admin.display(description="Published at", ordering="published_at")
    def dated(self, post):
        if post.published_at is None:
            return "-"
        local = moments.local(post.published_at)
        return date_format(local, "DATETIME_FORMAT") if local else "A date that cannot be shown"

    def state(self, post):
        if post.status == Post.Status.PUBLISHED and not post.is_public():
            return "Scheduled"
        return post.get_status_display()

    @admin.display(description="Comments", ordering="approved")
    def approved_comments(self, post):
        url = reverse("admin:comments_comment_changelist")
        return format_html('<a href="{}?post__id__exact={}">{}</a>', url, post.pk, post.approved)

    @admin.display(description="Pending", ordering="pending")
    def pending_comments(self, post):
        if not post.pending:
            return 0
        url = reverse("admin:comments_comment_changelist")
        return format_html(
            '<a href="{}?post__id__exact={}&amp;status__exact=pending"><strong>{}</strong></a>',
            url,
            post.pk,
            post.pending,
        )

    @admin.display(description="Preview")
    def lead_image_preview(self, post):
        return thumbnail(post.lead_image, post.lead_image_480, post.lead_image_alt)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Number the steps 1, 2, 3... in the order chosen, whatever numbers were typed.
        steps = list(form.instance.steps.all())
        for number, step in enumerate(steps, start=1):
            step.position = number
        Step.objects.bulk_update(steps, ["position"])

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.markdown_preview))
        return [
            path("markdown-preview/", preview, name="blog_post_markdown_preview"),
            *sequence_admin.urls(self),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Its earlier texts, each with a Restore button (templates/admin/blog/post/).
        context["revisions"] = sequence_admin.revisions(obj) if obj else []
        return super().render_change_form(request, context, add, change, form_url, obj)

    def markdown_preview(self, request):
        """The body as readers will see it, for the editor's live preview."""
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            return JsonResponse({"error": "Not allowed."}, status=403)
        return JsonResponse({"html": markdown.render(request.POST.get("body", ""))})


@admin.register(Exercise)
class ExerciseAdmin(admin.ModelAdmin):
    form = DescribedImagesForm
    formfield_overrides = KEPT_IMAGES
    list_display = ["photo_thumbnail", "name", "dosage", "used_in"]
    list_display_links = ["photo_thumbnail", "name"]
    search_fields = ["name", "instructions", "cautions"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["photo_thumbnail", "posts_using_it"]
    fields = [
        "name",
        "slug",
        "photo",
        "photo_thumbnail",
        "photo_alt",
        "instructions",
        ("hold_seconds", "each_side"),
        ("sets", "repetitions", "repetitions_max"),
        "cautions",
        "posts_using_it",
    ]

    def get_queryset(self, request):
        posts = Count("steps__post", distinct=True)
        return super().get_queryset(request).annotate(post_count=posts)

    @admin.display(description="Photo")
    def photo_thumbnail(self, exercise):
        return thumbnail(exercise.photo, exercise.photo_400, exercise.photo_alt)

    @admin.display(description="Used in posts", ordering="post_count")
    def used_in(self, exercise):
        return exercise.post_count

    @admin.display(description="Posts that use it")
    def posts_using_it(self, exercise):
        posts = Post.objects.filter(steps__exercise=exercise).distinct().order_by("-published_at")
        if not posts:
            return "None yet."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse("admin:blog_post_change", args=[p.pk]),
                        p.title,
                        p.get_status_display(),
                    )
                    for p in posts
                ),
            ),
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ["name", "credentials", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not request.user.is_superuser:
            # The therapist links a profile to herself or a fellow staff member; the list
            # would otherwise name every account, superusers included.
            kwargs["queryset"] = get_user_model().objects.filter(
                Q(pk=request.user.pk) | Q(is_staff=True, is_superuser=False)
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        # A superuser's profile is not in her list: shown as it is, so saving keeps the link.
        if obj and obj.user and obj.user.is_superuser and not request.user.is_superuser:
            return ["user"]
        return super().get_readonly_fields(request, obj)
