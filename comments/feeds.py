from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from blog.models import Post


class PostComments(Feed):
    """The newest approved comments on one post: names and text only, never emails."""

    def get_object(self, request, slug):
        return get_object_or_404(Post.objects.published(), slug=slug)

    def title(self, post):
        return f"Comments on “{post.title}” · {settings.SITE_NAME}"

    def link(self, post):
        return post.get_absolute_url()

    def description(self, post):
        return f"Readers' questions and the therapist's answers on “{post.title}”."

    def items(self, post):
        return post.comments.public().select_related("post").order_by("-created_at")[:50]

    def item_title(self, comment):
        return f"{comment.author_name} on “{comment.post.title}”"

    def item_description(self, comment):
        return comment.body_html

    def item_link(self, comment):
        return comment.get_absolute_url()

    def item_pubdate(self, comment):
        return comment.created_at

    def item_author_name(self, comment):
        return comment.author_name
