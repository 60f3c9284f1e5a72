"""Where each imported post and comment came from, so a newer copy adds only what is new."""

from django.conf import settings
from django.db import models

from blog.models import Post
from comments.models import Comment


class ImportedPost(models.Model):
    key = models.CharField(max_length=255, unique=True, help_text="The source's identity.")
    post = models.OneToOneField(Post, on_delete=models.CASCADE, related_name="origin")
    imported_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


class ImportedComment(models.Model):
    key = models.CharField(max_length=255, unique=True, help_text="The source's identity.")
    comment = models.OneToOneField(Comment, on_delete=models.CASCADE, related_name="origin")

    def __str__(self):
        return self.key


class ImportJob(models.Model):
    """A preview or import from the Import page: queued, then run by whichever runner
    claims it first (transfer.jobs) while the page polls it; it keeps what the page shows
    when it is done."""

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    dry_run = models.BooleanField(help_text="A preview: everything is rolled back.")
    choices = models.JSONField(help_text="The Import form's choices, as the job reads them.")
    state = models.CharField(max_length=10, choices=State, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="How many times a runner took it up."
    )
    progress = models.CharField(max_length=200, blank=True, help_text="How far it got.")
    result = models.JSONField(null=True, blank=True, help_text="What the page shows when done.")
    error = models.TextField(blank=True, help_text="Why it failed, for the therapist.")
    started_at = models.DateTimeField(auto_now_add=True)
    seen_at = models.DateTimeField(help_text="Its last sign of life.")

    def __str__(self):
        return f"{'Preview' if self.dry_run else 'Import'} {self.pk} ({self.state})"

    @property
    def waiting(self):
        """Not ended yet: the page polls it."""
        return self.state in (self.State.QUEUED, self.State.RUNNING)
