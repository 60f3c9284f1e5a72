"""Comments in site search: approved ones on published posts, the therapist's answers first.

Registered with blog's search (blog/search.py) from CommentsConfig.ready(). A constant
number of queries, whatever the number of hits: each hit's post comes with it (for the
title and the link).
"""

from django.contrib.auth import get_user_model
from django.contrib.postgres.search import SearchRank
from django.db.models import F

from blog import search
from comments.models import Comment

# On PostgreSQL, how many of the newest matching comments (and as many of the therapist's
# answers) are ranked for a search.
RANKED = 1000


def comment_hits(text, words, limit):
    return [
        search.Hit(
            url=comment.get_absolute_url(),
            title=f"{comment.author_name} on “{comment.post.title}”",
            snippet=search.snippet(comment.body, words),
            date=comment.created_at,
            badge="Author" if comment.by_staff else "",
        )
        for comment in matching(text)[: limit + 1]
    ]


def matching(text):
    """Approved comments on published posts matching `text`: author replies first, then
    the best match (PostgreSQL) or the newest (SQLite, every word, case-insensitive)."""
    comments = Comment.objects.public()
    if search.is_postgresql(comments.db):
        query = search.query(text)
        found = matches(query)
        # A common word matches most of a million comments, and ranking reads every match:
        # only the newest matches, and the therapist's newest answers, are ranked. Her
        # accounts' ids are given as numbers, so the planner reads her comments by user.
        staff = list(get_user_model().objects.filter(is_staff=True).values_list("pk", flat=True))
        ranked = [
            *found.values_list("pk", flat=True)[:RANKED],
            *found.filter(user_id__in=staff).values_list("pk", flat=True)[:RANKED],
        ]
        comments = Comment.objects.filter(pk__in=ranked).annotate(
            rank=SearchRank(F("search_document"), query)
        )
        best = [F("rank").desc()]
    else:
        for word in text.split():
            comments = comments.filter(body__icontains=word)
        best = []
    return (
        comments.with_by_staff()
        .select_related("post")
        # Nothing the hits do not show: no stored vectors, no post bodies.
        .defer(
            "search_document", "body_html", "post__body", "post__body_html", "post__search_document"
        )
        .order_by(F("by_staff").desc(nulls_last=True), *best, "-created_at", "-pk")
    )


def matches(query):
    """On PostgreSQL, public comments matching the SearchQuery `query`, newest first."""
    return Comment.objects.public().filter(search_document=query).order_by("-pk")


SOURCE = search.Source(
    heading="From the comments", singular="comment", plural="comments", find=comment_hits
)
