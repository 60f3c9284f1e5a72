import logging
from typing import NamedTuple

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections, models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from align.moments import FIRST_SHOWN, LAST_SHOWN
from blog import markdown
from blog.images import DescribedImage, has_description

logger = logging.getLogger(__name__)


def duration_text(seconds):
    """'1 minute', '90 seconds' -> '1 minute 30 seconds', '2 minutes'."""
    minutes, rest = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if rest or not minutes:
        parts.append(f"{rest} second{'s' if rest != 1 else ''}")
    return " ".join(parts)


class Author(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author_profile",
        help_text="The login that writes as this author, if any.",
    )
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    credentials = models.CharField(
        max_length=120, blank=True, help_text="Shown after the name, for example “PT, DPT”."
    )
    bio = models.TextField(help_text="Shown in the box under each post. Plain text.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Category(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="Shown at the top of the category page.")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "categories"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:category", kwargs={"slug": self.slug})


class Exercise(models.Model):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    photo = DescribedImage(
        upload_to="exercises/",
        widths=(400, 800, 1200),
        help_text="JPEG, PNG or WebP. Smaller copies for phones are made automatically.",
        alt_label="photo description",
        alt_help="What the photo shows, for readers who cannot see it. Required with a photo.",
        picture="picture",
    )
    instructions = models.TextField(help_text="Plain text; a blank line starts a new paragraph.")
    hold_seconds = models.PositiveIntegerField(
        "hold (seconds)", default=60, help_text="0 when the exercise is not held."
    )
    each_side = models.BooleanField(default=False, help_text="Done on the left and on the right.")
    repetitions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many times; the lower number of a range like 8-10."
    )
    repetitions_max = models.PositiveSmallIntegerField(
        "repetitions (at most)",
        null=True,
        blank=True,
        help_text="The higher number of a range like 8-10; empty for a single number.",
    )
    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Rounds of the repetitions, as the 3 of “3 x 10”."
    )
    cautions = models.TextField(blank=True, help_text="Who should skip or modify this exercise.")

    class Meta:
        ordering = ["name"]
        constraints = [has_description("photo", "exercise_photo_has_alt")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("blog:exercise", kwargs={"slug": self.slug})

    def dosage(self):
        return dosage_text(
            self.hold_seconds,
            self.each_side,
            self.repetitions or 0,
            self.sets or 1,
            self.repetitions_max or 0,
        )


def dosage_text(hold_seconds, each_side, repetitions, sets=1, repetitions_max=0):
    """The line under an exercise: 'Hold 1 minute each side', '8-10 times each side',
    '3 x 8-10, holding 5 seconds each time'."""
    side = " each side" if each_side else ""
    count = f"{repetitions}-{repetitions_max}" if repetitions_max > repetitions else repetitions
    if not repetitions:
        if not hold_seconds:
            return ""
        held = f"Hold {duration_text(hold_seconds)}{side}"
        return f"{held}, {sets} times" if sets > 1 else held
    if sets > 1:
        times = f"{sets} x {count}{side}"
    else:
        times = f"{count} time{'s' if count != 1 else ''}{side}"
    if hold_seconds:
        return f"{times}, holding {duration_text(hold_seconds)} each time"
    return times


class PostQuerySet(models.QuerySet):
    def published(self, now=None):
        """Posts readers see: published, and dated `now` (by default, this moment) or
        earlier, on a date pages can show (align/moments.py)."""
        now = timezone.now() if now is None else now
        shown = Q(published_at__gte=FIRST_SHOWN, published_at__lte=min(now, LAST_SHOWN))
        return self.filter(shown, status=Post.Status.PUBLISHED)

    def search(self, text):
        """Posts matching every word of `text`, best first where the database ranks.

        What counts: title, summary, body, and the names, instructions and notes of the
        exercises in the post's sequence. PostgreSQL reads the stored `search_document`
        (blog/search.py); SQLite matches each word anywhere, case-insensitively.
        """
        if connections[self.db].vendor == "postgresql":
            query = SearchQuery(text, search_type="websearch", config="english")
            return (
                self.filter(search_document=query)
                .annotate(rank=SearchRank(F("search_document"), query))
                .order_by("-rank", "-published_at")
            )
        matches = self
        for word in text.split():
            in_steps = Step.objects.filter(post=OuterRef("pk")).filter(
                Q(exercise__name__icontains=word)
                | Q(exercise__instructions__icontains=word)
                | Q(note__icontains=word)
            )
            matches = matches.filter(
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(body__icontains=word)
                | Exists(in_steps)
            )
        return matches


class Post(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="The post's address.")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="posts")
    summary = models.TextField(
        max_length=500, help_text="One or two sentences for the home page, feeds and search."
    )
    body = models.TextField(help_text="Markdown: a blank line starts a paragraph, ## a heading.")
    body_html = models.TextField(
        editable=False,
        blank=True,
        help_text="The body as readers see it: rendered and sanitized whenever the post is saved.",
    )
    lead_image = DescribedImage(
        upload_to="posts/%Y/",
        widths=(480, 960, 1600),
        help_text="JPEG, PNG or WebP, ideally 1600 pixels wide or more.",
        alt_label="lead image description",
        alt_help="What the image shows, for readers who cannot see it. Required with an image.",
        picture="lead_picture",
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.DRAFT)
    published_at = models.DateTimeField(
        "publish date",
        null=True,
        blank=True,
        db_index=True,
        help_text="A date in the future schedules the post; it appears on its own then.",
    )
    updated_at = models.DateTimeField(auto_now=True)
    comments_open = models.BooleanField(default=True)
    categories = models.ManyToManyField(Category, blank=True, related_name="posts")
    tags = models.TextField(
        blank=True,
        default="",
        db_default="",  # rows written in SQL (bulk loads, tests) get no tags, not a NULL
        help_text="Tags from the old blog, kept but not shown as topics. Comma-separated.",
    )
    exercises = models.ManyToManyField(Exercise, through="Step", related_name="posts")
    # Kept by PostgreSQL triggers (migration 0004) from the post, its steps and their
    # exercises, GIN-indexed there; empty on SQLite, whose search reads the text itself.
    search_document = SearchVectorField(null=True, editable=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at"]
        get_latest_by = "published_at"
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_post_has_date",
            ),
            has_description("lead_image", "post_lead_image_has_alt"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        """The post's address; a staff-only preview while it is a draft or scheduled."""
        if not self.is_public():
            return reverse("blog:preview", kwargs={"pk": self.pk})
        local = timezone.localtime(self.published_at)
        try:
            return reverse(
                "blog:post",
                kwargs={
                    "year": local.year,
                    "month": local.month,
                    "day": local.day,
                    "slug": self.slug,
                },
            )
        except NoReverseMatch:
            # A slug the address pattern refuses, stored around the importer and the
            # admin's checks (migration 0005 repairs those): the staff preview, not a
            # failure of every list, feed and neighbour that holds the post.
            logger.error("Post %s has a slug no address can hold: %r", self.pk, self.slug)
            return reverse("blog:preview", kwargs={"pk": self.pk})

    def is_public(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )


def render_body(sender, instance, **kwargs):
    """Before a post is saved (pre_save): its body rendered once here, not on each request.

    Whoever saves with update_fields=["body", ...] names "body_html" too; bulk_create and
    update() send no signal, so their callers set body_html with `markdown.render` as well.
    """
    instance.body_html = markdown.render(instance.body)


class Timing(NamedTuple):
    """How a step is done: what its line says and the practice timer runs."""

    hold_seconds: int
    each_side: bool
    repetitions: int  # 0: held once (or on each side), not repeated
    sets: int = 1  # rounds of the repetitions (or of the hold)
    repetitions_max: int = 0  # the upper bound of a range like 8-10; 0 when none


class Step(models.Model):
    """One exercise at its place in a post's sequence."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="steps")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="steps")
    position = models.PositiveSmallIntegerField(
        default=0, help_text="Steps are shown in this order. To move one, change its number."
    )
    hold_seconds = models.PositiveIntegerField(
        "hold (seconds)", null=True, blank=True, help_text="Leave empty to use the exercise's."
    )
    each_side = models.BooleanField(
        null=True, blank=True, help_text="Leave unknown to use the exercise's."
    )
    repetitions = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty to use the exercise's."
    )
    repetitions_max = models.PositiveSmallIntegerField(
        "repetitions (at most)",
        null=True,
        blank=True,
        help_text="The higher number of a range like 8-10. Leave empty to use the exercise's.",
    )
    sets = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Leave empty to use the exercise's."
    )
    note = models.CharField(max_length=300, blank=True, help_text="Shown with this step only.")

    class Meta:
        # Not unique per post: the admin saves reordered steps one row at a time.
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.position}. {self.exercise}"

    def timing(self):
        """The step's own dosage where it sets it, field by field, else its exercise's."""
        exercise = self.exercise

        def own(name):
            value = getattr(self, name)
            return getattr(exercise, name) if value is None else value

        return Timing(
            own("hold_seconds"),
            own("each_side"),
            own("repetitions") or 0,
            own("sets") or 1,
            own("repetitions_max") or 0,
        )

    def dosage(self):
        return dosage_text(*self.timing())


class PostRevision(models.Model):
    """A post's body as it was before something other than her own typing changed it (the
    sequence builder), so the change can be undone."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    body = models.TextField()
    saved_at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(max_length=200, help_text="What was about to change the body.")

    class Meta:
        ordering = ["-saved_at", "-pk"]

    def __str__(self):
        return f"{self.post}: {self.reason}"

    def restore(self):
        """Puts this body back in the post, keeping the current one as a revision first (so
        restoring can be undone too). Saved with post.save(): the page shows it at once."""
        with transaction.atomic():
            post = Post.objects.select_for_update().get(pk=self.post_id)
            stamp = timezone.localtime(self.saved_at).strftime("%Y-%m-%d %H:%M")
            PostRevision.objects.create(
                post=post, body=post.body, reason=f"Before restoring the body of {stamp}"
            )
            post.body = self.body
            post.save()
        return post
