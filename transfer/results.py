"""What the Import page shows after a preview or an import, as plain data: the same for an
import done within the request and for one done by a background job, which keeps it as JSON.

Times are the old blog's local time (the zone chosen on the form), as the report's own.
"""

import logging

from django.urls import reverse
from django.utils import formats

from align import moments
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
            {"title": title, **outline_items(rows, zone)} for title, rows in tally.outlines
        ],
        "outlines_cut": writer.OUTLINED if tally.outlined > writer.OUTLINED else 0,
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
    local = moments.local(moment, zone)
    return formats.date_format(local, format) if local else "no date that can be shown"


def outline_items(rows, zone):
    """Outline rows in tree order as flat items for nested lists, drawn without recursion
    and kept as JSON without depth (a chain of replies may be deeper than either allows):
    `inside`, the item opens a list in the item before it (it is its reply); else the
    item before it ends, and `shut` holds one entry for each list that ends after it.
    `end`: one entry for each list still open after the last item, but the outermost."""
    items, path = [], []  # path: the levels of the items still open, top down
    for row in rows:
        ended = 0
        while path and path[-1] >= row.level:
            path.pop()
            ended += 1
        items.append(
            {
                "name": row.author_name,
                "when": local(row.created_at, zone, OUTLINE_TIME),
                "status": "" if row.status == "approved" else row.status,
                "words": row.first_words,
                "hers": row.hers,
                "inside": bool(path) and not ended,
                "shut": [0] * max(ended - 1, 0),
            }
        )
        path.append(row.level)
    return {"items": items, "end": [0] * max(len(path) - 1, 0)}


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
