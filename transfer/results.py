"""What the Import page shows after a preview or an import, as plain data: the same for an
import done within the request and for one done by a background job, which keeps it as JSON.

Times are the old blog's local time (the zone chosen on the form), as the report's own.
"""

import logging

from django.urls import reverse
from django.utils import formats, timezone

from blog.models import Post
from transfer import report, writer

logger = logging.getLogger(__name__)
OUTLINE_TIME = "Y-m-d H:i"


def result(sources, tally, *, dry_run, zone):
    return {
        "dry_run": dry_run,
        "zone": str(zone),
        "summary": list(report.summary(tally)),
        "notes": [list(note) for note in report.notes(sources, tally)],
        "created": [created(post, zone) for post in tally.created],
        "outlines": [
            {"title": title, "items": nested(rows, zone)} for title, rows in tally.outlines
        ],
    }


def created(post, zone):
    state = writer.state(post)
    return {
        "pk": post.pk,
        "title": post.title,
        "state": state,
        "when": local(post.published_at, zone, "DATE_FORMAT") if state == "scheduled" else "",
    }


def local(moment, zone, format):
    return formats.date_format(timezone.localtime(moment, zone), format)


def nested(rows, zone):
    """Outline rows in tree order as [{..., "replies": [...]}], for nested lists."""
    top = []
    path = [(-1, top)]  # (level, its replies) from the top down to the last row
    for row in rows:
        while path[-1][0] >= row.level:
            path.pop()
        item = {
            "name": row.author_name,
            "when": local(row.created_at, zone, OUTLINE_TIME),
            "status": "" if row.status == "approved" else row.status,
            "words": row.first_words,
            "hers": row.hers,
            "replies": [],
        }
        path[-1][1].append(item)
        path.append((row.level, item["replies"]))
    return top


def with_links(shown):
    """The new posts with their addresses and edit pages, looked up now: a post deleted
    since, or one whose address cannot be built, is listed by its title alone."""
    posts = Post.objects.in_bulk([item["pk"] for item in shown["created"]])
    for item in shown["created"]:
        post = posts.get(item["pk"])
        item["url"] = address(post) if post else ""
        item["edit"] = reverse("admin:blog_post_change", args=[post.pk]) if post else ""
    return shown


def address(post):
    try:
        return post.get_absolute_url()
    except OverflowError:  # a date no local time can hold (a bad slug has the preview's)
        logger.exception("No address for imported post %s", post.pk)
        return ""
