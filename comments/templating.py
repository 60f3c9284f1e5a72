"""Comment counts on blog pages, which cannot ask the comments app themselves (blog
imports nothing from comments): their templates call these (align/jinja2.py)."""

from django.db.models import Count

from comments.models import Comment


def comments_label(count):
    """'No comments yet', '1 comment', '12 comments'."""
    if not count:
        return "No comments yet"
    return f"{count} comment{'' if count == 1 else 's'}"


def with_comment_counts(posts):
    """The posts as a list, each with `comment_count` (its approved comments): one query
    for them all, not one per post."""
    posts = list(posts)
    if not posts:
        return posts
    counts = dict(
        Comment.objects.public()
        .filter(post__in=[post.pk for post in posts])
        .order_by()
        .values("post")
        .annotate(count=Count("pk"))
        .values_list("post", "count")
    )
    for post in posts:
        post.comment_count = counts.get(post.pk, 0)
    return posts
