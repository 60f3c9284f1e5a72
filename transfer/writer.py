"""Stores parsed records through blog and comments: one transaction per post, nothing twice.

A post or comment seen before (its source key is in ImportedPost / ImportedComment) is left
as it is, so importing the same file again changes nothing and a newer copy adds only what
is new. New threads go in whole through comments.services.add_trees; a new reply to a
comment already here goes through post_comment, without email. Imported comments skip the
moderation rules: the source already moderated them.
"""

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from align import bulkload
from align.cache import site
from blog import summaries
from blog.images import ALLOWED_FORMATS
from blog.models import Category, Post
from blog.slugs import ascii_slug, post_slug, unique_slug
from comments import services, text
from comments.models import Comment
from comments.pages import thread_cache
from transfer.models import ImportedComment, ImportedPost
from transfer.pictures import Pictures

SUMMARY_LENGTH = 500
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
AHEAD = timedelta(days=3653)  # ten years
OUT_OF_RANGE = "is not between 1970 and ten years from now"
OUTLINED = 2000  # comments drawn in the outlines, at most: their page must stay quick to show


class OutlineRow(NamedTuple):
    """One comment of a rebuilt thread, as the preview shows it."""

    level: int
    author_name: str
    created_at: datetime
    status: str
    first_words: str
    hers: bool  # stored as the author's reply


@dataclass
class Tally:
    """What happened to posts and comments: created / already there / skipped, by status."""

    posts: Counter = field(default_factory=Counter)
    comments: Counter = field(default_factory=Counter)
    notes: list = field(default_factory=list)  # (where, text), the writer's own
    skipped: Counter = field(default_factory=Counter)  # what the parsers left out, by kind
    outlines: list = field(default_factory=list)  # (post title, [OutlineRow]) per post
    outlined: int = 0  # rows read for the outlines: more than OUTLINED, some are not drawn
    changed_posts: set = field(default_factory=set)  # ids of posts with new comments
    created: list = field(default_factory=list)  # the new posts, for links and the history
    tags: set = field(default_factory=set)  # the new posts' tags (casefolded), for the count

    def note(self, where, text):
        self.notes.append((where, text))


@dataclass
class Options:
    author: object  # blog.Author whose posts these become, or a function that finds her
    author_names: tuple = ()  # how she signs comments in the source, besides her own name
    media: Pictures | None = None  # stores the pictures: from --media, or fetched
    dry_run: bool = False


def store(sources, options, progress=None):
    """Writes every post of `sources` (parsed files); returns the Tally. `progress(n)` is
    told of each stored comment. A dry run does all of it, each post rolled back at its end:
    the locks a post takes are held for that post only, so a long preview never keeps
    readers from starting threads. The dry run's posts are each tried as if the ones before
    them were not there."""
    tally = Tally()
    for source in sources:
        # Posts may come from the file as they are read: one at a time.
        for record in source.posts:
            # A dry run's post is a transaction of its own, not a savepoint: locks end with it.
            with transaction.atomic(durable=options.dry_run):
                store_post(record, resolved(options), tally, progress)
                if options.dry_run:
                    transaction.set_rollback(True)
        # What the reader left out is counted once it has read everything.
        tally.skipped.update(source.skipped)
    if options.dry_run:
        return tally
    # Bulk inserts send no signals: every page that may show these is made stale once.
    site.clear()
    for post_id in tally.changed_posts:
        thread_cache(post_id).clear()
    if tally.created or tally.changed_posts:
        bulkload.analyze(Post, Comment, ImportedPost, ImportedComment)
    return tally


def resolved(options):
    """The options with their author found, when she is given as how to find her: inside
    the post's transaction, so a dry run's new author profile is rolled back with it."""
    if callable(options.author):
        return replace(options, author=options.author())
    return options


def source_key(key):
    """Keys fit the column; a longer one is stored as its digest."""
    if len(key) <= 255:
        return key
    return "sha256:" + hashlib.sha256(key.encode()).hexdigest()


def store_post(record, options, tally, progress):
    origin = ImportedPost.objects.filter(key=source_key(record.key)).select_related("post")
    origin = origin.first()
    if origin:
        post = origin.post
        tally.posts[f"already there ({state(post)})"] += 1
    elif not showable(record.published_at) and record.status != "draft":
        tally.note(
            record.where, f"its date {written(record.published_at)} {OUT_OF_RANGE}: left out"
        )
        tally.posts["left out (date out of range)"] += 1
        return
    else:
        post = create_post(record, options, tally)
        ImportedPost.objects.create(key=source_key(record.key), post=post)
        tally.created.append(post)
        tally.posts[f"created ({state(post)})"] += 1
    store_comments(post, record, options, tally, progress)


def create_post(record, options, tally):
    body = record.body
    pictures = [*record.images, record.lead_image]
    if options.media:
        body = options.media.store_images(body, pictures, record.where, tally)
    for address in () if options.media else dict.fromkeys(filter(None, pictures)):
        tally.note(record.where, f"picture left on the old site (no --media): {address}")
    lead = options.media and record.lead_image and options.media.stored(record.lead_image)
    if lead and lead.kind not in ALLOWED_FORMATS:
        tally.note(record.where, f"its lead picture is a {lead.kind}: the post has none")
        lead = None
    if lead:
        body = without_lead(body, lead.url)
    title = record.title.strip() or "Untitled post"
    if not record.title.strip():
        tally.note(record.where, "the post has no title: named “Untitled post”")
    published_at = record.published_at
    if not showable(published_at):
        moment = written(published_at)
        tally.note(record.where, f"its date {moment} {OUT_OF_RANGE}: the draft is left undated")
        published_at = None
    status = Post.Status.DRAFT if record.status == "draft" else Post.Status.PUBLISHED
    if status == Post.Status.PUBLISHED and published_at is None:
        status = Post.Status.DRAFT
        tally.note(record.where, "published in the source but undated: kept as a draft")
    post = Post.objects.create(
        title=title[:200],
        slug=free_slug(record.slug, title, record.where, tally),
        author=options.author,
        summary=summary(record),
        body=body,
        status=status,
        published_at=published_at,
        comments_open=record.comments_open,
        tags=", ".join(record.tags),
    )
    post.categories.set(categories(record.categories))
    tally.tags.update(tag.casefold() for tag in record.tags)
    if lead:
        # The file stored for the body, named as it is: no second, re-encoded copy.
        post.lead_image = lead.name
        post.lead_image_alt = (record.lead_image_alt.strip() or title)[:250]
        post.save()
    return post


def without_lead(body, url):
    """The body without its opening picture when that is the lead picture, which the
    post's page shows just above the body."""
    first, _, rest = body.partition("\n\n")
    return rest if re.fullmatch(rf"!\[[^\]]*\]\({re.escape(url)}\)", first.strip()) else body


def showable(moment):
    """Whether a source's date (aware, or None for no date) is one the site takes: from
    1970 to ten years from now. The one rule for every reader's dates: a source's
    placeholders (year 1, 9999-12-31) cannot be put in the site's time zone."""
    return moment is None or EARLIEST <= moment <= timezone.now() + AHEAD


def written(moment):
    """The date as the source gave it, for a note: no conversion that could overflow."""
    return moment.replace(tzinfo=None).isoformat(" ", "seconds")


def state(post):
    """The post's status as the report and the preview name it: a published post dated
    later is "scheduled", as the site treats it."""
    if post.status == Post.Status.PUBLISHED and not post.is_public():
        return "scheduled"
    return post.get_status_display().lower()


def summary(record):
    """The source's own summary (an excerpt she wrote), else whole sentences of the body's
    first paragraph; within the field's length."""
    if record.summary.strip():
        return Truncator(" ".join(record.summary.split())).chars(SUMMARY_LENGTH)
    return summaries.from_body(record.body, SUMMARY_LENGTH)


def free_slug(source_slug, title, where, tally):
    """The source's address made a valid ASCII slug (else the title's, else "post"), with
    -2, -3... when a post already has it (the old post is not touched)."""
    length = Post._meta.get_field("slug").max_length
    slug = post_slug(source_slug, title, length=length)
    if source_slug and slug != source_slug:
        tally.note(where, f"the address “{source_slug}” became “{slug}”")
    free = unique_slug(slug, Post.objects.all(), length)
    if free != slug:
        tally.note(where, f"the address “{slug}” is taken: this post gets “{free}”")
    return free


def categories(names):
    found = []
    for name in dict.fromkeys(n.strip() for n in names if n.strip()):
        slug = ascii_slug(name, 100) or "topic"
        category, _ = Category.objects.get_or_create(slug=slug, defaults={"name": name[:100]})
        found.append(category)
    return found


def store_comments(post, record, options, tally, progress):
    keys = [source_key(c.key) for c in record.comments]
    known = dict(ImportedComment.objects.filter(key__in=keys).values_list("key", "comment_id"))
    by_key, roots = {}, []  # new comments as field data, and the new threads among them
    refused = set()  # keys of comments left out for their dates
    for comment, key in zip(record.comments, keys, strict=True):
        if key in known:
            tally.comments[f"already there ({comment.status})"] += 1
            continue
        if not showable(comment.created_at):
            tally.note(
                comment.where, f"its date {written(comment.created_at)} {OUT_OF_RANGE}: left out"
            )
            tally.comments["left out (date out of range)"] += 1
            refused.add(key)
            continue
        data = comment_data(comment, options)
        by_key[key] = data
        parent_key = comment.parent_key and source_key(comment.parent_key)
        if parent_key in by_key:
            by_key[parent_key]["children"].append(data)
        elif parent_key in known:
            data["below"] = known[parent_key]  # a new reply to a comment stored before
            roots.append(data)
        else:
            if parent_key in refused:
                tally.note(comment.where, "its parent was left out: a new thread")
            elif parent_key:
                tally.note(comment.where, "its parent is not in the source: a new thread")
            roots.append(data)
    new_threads = [data for data in roots if "below" not in data]
    keys = [key for data in new_threads for key in take_keys(data)]  # in preorder
    stored = services.add_trees(post, new_threads) if new_threads else []
    for node, key in zip(stored, keys, strict=True):
        node.import_key = key
    for data in roots:
        if "below" in data:
            stored.extend(add_below(post, Comment.objects.get(pk=data.pop("below")), data))
    ImportedComment.objects.bulk_create(
        ImportedComment(key=node.import_key, comment=node) for node in stored
    )
    for node in stored:
        tally.comments[f"created ({node.status})"] += 1
        if progress:
            progress(1)
    if stored:
        tally.changed_posts.add(post.pk)
        room = OUTLINED - tally.outlined
        rows = outline(post, room + 1)  # one more than is drawn tells that some are not
        tally.outlined += len(rows)
        if rows[:room]:
            tally.outlines.append((post.title, rows[:room]))


def comment_data(comment, options):
    """Comment field values for `comment`, plus "children" and its key (not a field)."""
    author = options.author
    return {
        "author_name": text.visible(comment.author_name)[:80] or "Anonymous",
        "author_email": comment.author_email[:254],
        "author_url": comment.author_url[:200],
        "body": comment.body,
        "body_html": text.render(comment.body),
        "status": comment.status,
        "created_at": comment.created_at,
        "ip_address": comment.ip_address,
        "user": author.user if is_hers(comment, options) else None,
        "key": source_key(comment.key),
        "children": [],
    }


def is_hers(comment, options):
    """The source says so, or she signed it with one of her names or her email."""
    user = options.author.user
    if user is None:
        return False
    names = (*options.author_names, options.author.name, user.get_full_name())
    names = {text.comparable(name) for name in names}
    email = comment.author_email.strip().casefold()
    return bool(
        comment.by_author
        or text.comparable(comment.author_name) in names - {""}
        or (email and email == user.email.casefold())
    )


def take_keys(data):
    """The keys of a new thread, in tree order, taken out of the field data (walked with
    a stack of its own: a chain of replies may be deeper than Python's recursion)."""
    stack = [data]
    while stack:
        node = stack.pop()
        yield node.pop("key")
        stack.extend(reversed(node["children"]))


def add_below(post, parent, data):
    """A new reply (with its new replies) to a comment stored by an earlier import, in
    tree order (walked with a stack of its own: a chain may be deeper than recursion)."""
    stored, waiting = [], [(parent, data)]
    while waiting:
        parent, data = waiting.pop()
        key, children = data.pop("key"), data.pop("children")
        comment = services.post_comment(
            post,
            parent=parent,
            name=data["author_name"],
            email=data["author_email"],
            url=data["author_url"],
            body=data["body"],
            status=data["status"],
            user=data["user"],
            ip_address=data["ip_address"],
            created_at=data["created_at"],
            notify=False,
            keep_depth=True,  # as the old blog had it, like the threads stored whole
        )
        comment.import_key = key
        stored.append(comment)
        waiting.extend((comment, child) for child in reversed(children))
    return stored


def outline(post, most):
    """The post's thread as rows in tree order, the first `most` of them, for the preview."""
    rows = post.comments.order_by("tree_id", "lft").values_list(
        "level", "author_name", "created_at", "status", "body", "user_id"
    )[: max(most, 0)]
    return [
        OutlineRow(level, name, created, status, Truncator(body).words(10), user_id is not None)
        for level, name, created, status, body, user_id in rows
    ]
