from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from mptt.managers import TreeManager
from mptt.models import MPTTModel, TreeForeignKey
from mptt.querysets import TreeQuerySet

from blog.models import Post

STAMP_LIFETIME = timedelta(days=1)  # how long a comment form can stay open


class CommentQuerySet(TreeQuerySet):
    def approved(self):
        """Approved comments on any post, published or not: for a post already in hand
        (a staff preview shows a scheduled one) and a commenter's history."""
        return self.filter(status=CommentStatus.APPROVED)

    def public(self):
        """What readers see: approved comments on published posts."""
        return self.approved().filter(post__in=Post.objects.published().values("pk"))

    def with_by_staff(self):
        """Each comment's `by_staff` read in the same query, not one query per comment."""
        return self.annotate(by_staff=Q(user__is_staff=True))

    def editable(self):
        """What a comment's writer may still edit or delete (from the browser that sent it):
        published or held, for COMMENTS_EDIT_MINUTES after sending (0: never), while nobody
        replied."""
        if not settings.COMMENTS_EDIT_MINUTES:
            return self.none()
        since = timezone.now() - timedelta(minutes=settings.COMMENTS_EDIT_MINUTES)
        return self.filter(status__in=Comment.ANSWERABLE, created_at__gte=since, rght=F("lft") + 1)

    def thread(self, post):
        """A post's comments as readers see them, in tree order, in one query: approved
        comments, and hidden comments that still have approved replies, so those replies
        keep their place under a placeholder. (A visitor's own comments awaiting moderation
        are merged in for them alone: comments/thread.py.)"""
        approved_below = Comment.objects.approved().filter(
            tree_id=OuterRef("tree_id"), lft__gt=OuterRef("lft"), rght__lt=OuterRef("rght")
        )
        return (
            self.filter(Q(status=CommentStatus.APPROVED) | Exists(approved_below), post=post)
            .with_by_staff()
            .order_by("tree_id", "lft")
        )


class CommentStatus(models.TextChoices):
    """Comment.Status; declared before the model so its Meta can name the values too."""

    PENDING = "pending", "Pending"
    APPROVED = "approved", "Approved"
    SPAM = "spam", "Spam"
    REMOVED = "removed", "Removed"


class Comment(MPTTModel):
    Status = CommentStatus
    # The status groups, each a rule said here once.
    # Awaiting moderation as its writer sees it: spam is not told apart, so a spammer
    # learns nothing from the page.
    AWAITING = (Status.PENDING, Status.SPAM)
    # What the therapist may answer: a published comment, or a held one (her reply approves it).
    ANSWERABLE = (Status.PENDING, Status.APPROVED)

    # Indexed by comment_thread_order, which starts with it.
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="comments", db_index=False
    )
    parent = TreeForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    author_name = models.CharField("name", max_length=80)
    author_email = models.EmailField("email", help_text="Never shown on the site.")
    author_url = models.URLField("website", blank=True)
    body = models.TextField(max_length=5000)
    body_html = models.TextField(editable=False, help_text="The body as shown, made on save.")
    created_at = models.DateTimeField(default=timezone.now)
    edited_at = models.DateTimeField(
        null=True, blank=True, editable=False, help_text="When its writer last changed it."
    )
    status = models.CharField(max_length=10, choices=Status, default=Status.PENDING)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        help_text="Set when a staff member wrote it: an author reply.",
    )
    ip_address = models.GenericIPAddressField("IP address", null=True, blank=True)
    user_agent = models.CharField(max_length=500, blank=True)
    notify_replies = models.BooleanField(
        "email me replies", default=False, help_text="The commenter asked to hear of replies."
    )
    # A database default too: a web container still on the code before it (a rolling
    # update) writes comments without it.
    follow_thread = models.BooleanField(
        "follow the conversation",
        default=False,
        db_default=False,
        help_text="Asked to follow the conversation by email; cleared once the request is "
        "taken up (a confirmation email is sent first).",
    )
    # Kept from the body by a PostgreSQL trigger (migration 0004), with a GIN index over
    # approved comments only; empty on SQLite. Read by comments/search.py.
    search_document = SearchVectorField(null=True, editable=False)
    # django-mptt's own, without its index of tree_id alone: its (tree_id, lft) one serves.
    tree_id = models.PositiveIntegerField(editable=False)

    objects = TreeManager.from_queryset(CommentQuerySet)()

    class Meta:
        ordering = ["tree_id", "lft"]
        indexes = [
            # Status and id included: per-post counts of approved comments (COUNT(id), as
            # Django writes them) read the index alone.
            models.Index(
                fields=["post", "tree_id", "lft"],
                include=["status", "id"],
                name="comment_thread_order",
            ),
            # The admin's queue in its own order (CommentAdmin.ordering): pending first,
            # then the newest, so a page of it is read straight off this index.
            models.Index(
                Case(When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1)),
                F("created_at").desc(),
                F("id").desc(),
                name="comment_queue",
            ),
            # The same for one post's comments (the queue's post filter): a post with
            # old comments would otherwise be found by reading most of the index above.
            models.Index(
                F("post"),
                Case(When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1)),
                F("created_at").desc(),
                F("id").desc(),
                name="comment_queue_by_post",
            ),
            # Requests to follow a conversation not yet taken up (subscriptions), looked for
            # on every round of the mailer.
            models.Index(
                fields=["id"], condition=Q(follow_thread=True), name="comment_follow_asked"
            ),
            # The few comments not approved: the queue's count of pending ones on every
            # admin page, per-post pending counts, and the status filters.
            models.Index(
                fields=["status", "post"],
                condition=~Q(status=CommentStatus.APPROVED),
                name="comment_held",
            ),
            models.Index(fields=["ip_address", "created_at"], name="comment_flood_ip"),
            models.Index(fields=["author_email", "status"], name="comment_author_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values),
                name="comment_status_known",
            ),
        ]

    def __str__(self):
        return f"{self.author_name} on {self.post}"

    def get_absolute_url(self):
        """The comment's permalink, which leads to the page of the thread holding it."""
        return reverse("comments:permalink", args=[self.pk])

    @cached_property
    def by_staff(self):
        """Written by a staff member: an author reply (the site's contract). Querysets
        made with_by_staff() set it from their own query."""
        return self.user_id is not None and self.user.is_staff


class BlockedTerm(models.Model):
    """What the therapist never wants to see: such comments are marked spam at once."""

    class Kind(models.TextChoices):
        WORD = "word", "Word or phrase (in name, email, website or text)"
        EMAIL = "email", "Email address, or @domain"
        IP = "ip", "IP address or network (e.g. 203.0.113.0/24)"

    kind = models.CharField(max_length=10, choices=Kind, default=Kind.WORD)
    value = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "value"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="blocked_term_once"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.value}"


class UsedStamp(models.Model):
    """A comment form's stamp that has been sent, so it cannot be sent again.

    Kept as long as a stamp can be sent (STAMP_LIFETIME); older ones go as new ones come.
    """

    nonce = models.CharField(max_length=32, unique=True)
    used_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return self.nonce
