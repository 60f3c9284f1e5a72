"""Where each imported post and comment came from, so a newer copy adds only what is new."""

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
