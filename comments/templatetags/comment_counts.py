"""Comment counts on blog pages, which cannot ask the comments app themselves (blog
imports nothing from comments): their templates load these tags."""

from django import template
from django.db.models import Count

from comments import pages
from comments.models import Comment

register = template.Library()


@register.filter
def comments_label(count):
    """'No comments yet', '1 comment', '12 comments'."""
    if not count:
        return "No comments yet"
    return f"{count} comment{'' if count == 1 else 's'}"


@register.simple_tag
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


def approved_count(post):
    """A post's approved comments: the total of its comment pages' layout, which the
    comment section below reads too, so the page counts them once (comments/pages.py)."""
    return pages.layout(post).total


@register.inclusion_tag("comments/_post_links.html")
def comment_links(post, with_form=True):
    """By a post's title: how many comments, leading to the thread, and (while comments
    are open and the page has the form) a link to the form."""
    return {
        "post": post,
        "count": approved_count(post),
        "ask": with_form and post.comments_open,
    }
