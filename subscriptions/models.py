"""Who follows what by email: an address (Subscriber), each thing it follows (a
Subscription: new posts, or one conversation), and what has been sent, so each comment and
each post is announced once."""

from django.db import models
from django.db.models import Q
from django.utils import timezone

from blog.models import Post
from comments.models import Comment


class Subscriber(models.Model):
    """An email address that asked to follow something. Its confirmation link is the one
    in the last confirmation email (`confirm_nonce`, emptied once used)."""

    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField("since", default=timezone.now)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirm_nonce = models.CharField(max_length=32, blank=True, editable=False)

    class Meta:
        ordering = ["email"]

    def __str__(self):
        return self.email


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def pending(self):
        return self.filter(confirmed_at__isnull=True)

    def posts(self):
        return self.filter(kind=Subscription.Kind.POSTS)

    def threads(self):
        return self.filter(kind=Subscription.Kind.THREAD)


class Subscription(models.Model):
    """One thing an address follows: new posts, or the conversation that starts at
    `thread` (a comment without a parent and all its replies)."""

    class Kind(models.TextChoices):
        POSTS = "posts", "New posts"
        THREAD = "thread", "A conversation"

    subscriber = models.ForeignKey(
        Subscriber, on_delete=models.CASCADE, related_name="subscriptions"
    )
    kind = models.CharField(max_length=10, choices=Kind)
    thread = models.ForeignKey(
        Comment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text="The conversation's first comment.",
    )
    created_at = models.DateTimeField("asked", default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # Comments on a followed conversation after its first email wait for this moment, to go
    # out together in one digest.
    digest_due_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        ordering = ["subscriber", "kind", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscriber"], condition=Q(kind="posts"), name="one_posts_subscription"
            ),
            models.UniqueConstraint(
                fields=["subscriber", "thread"],
                condition=Q(kind="thread"),
                name="one_subscription_per_thread",
            ),
            models.CheckConstraint(
                condition=Q(kind="posts", thread__isnull=True)
                | Q(kind="thread", thread__isnull=False),
                name="thread_only_for_threads",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.POSTS:
            return "New posts"
        return f"The conversation on “{self.thread.post.title}” begun by {self.thread.author_name}"


class Noticed(models.Model):
    """A comment on a followed conversation whose followers have been told of it (or
    queued in their digest)."""

    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, primary_key=True)
    at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"Comment {self.comment_id} told to its followers"


class Waiting(models.Model):
    """A comment waiting in one follower's next digest."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="+")
    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["subscription", "comment"], name="waits_once")
        ]

    def __str__(self):
        return f"Comment {self.comment_id} in subscription {self.subscription_id}'s digest"


class Announcement(models.Model):
    """A published post's email to the new-posts subscribers, sent in batches in order of
    subscription: `through` is the last subscription sent to, `finished_at` set at the end."""

    post = models.OneToOneField(Post, on_delete=models.CASCADE, primary_key=True)
    started_at = models.DateTimeField(default=timezone.now)
    through = models.BigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"Post {self.post_id}'s email to its subscribers"
