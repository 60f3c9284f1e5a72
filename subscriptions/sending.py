"""Following emails as they fall due, one round at a time (send_follow_mail, and each round
of the mailer service): new comments to a conversation's followers, digests whose window
has ended, and new posts to their subscribers.

Each step commits what it queued together with the record that says it was queued
(Noticed, Waiting, Announcement), so a round cut short by a crash or a database restart
is taken up by the next one and nothing is sent twice."""

import logging
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Exists, Min, OuterRef, Q
from django.utils import timezone
from mailer.models import PRIORITY_LOW, Message

from blog.models import Post
from comments.models import Comment
from comments.notifications import absolute
from subscriptions import mail, services
from subscriptions.models import Announcement, Noticed, Subscription, Waiting

logger = logging.getLogger(__name__)
# A new post's emails are queued this many at a time, each lot in one short transaction.
BATCH = 500
# A comment is news to its conversation's followers for this long after it was written
# (one held that long is approved unannounced); what was told is forgotten after it.
NEW_FOR = timedelta(days=7)


@dataclass
class Queued:
    """What one round queued."""

    comment_emails: int = 0
    digests: int = 0
    post_emails: int = 0
    posts: int = 0

    def __bool__(self):
        return bool(self.comment_emails or self.digests or self.post_emails)

    def __str__(self):
        return (
            f"Queued {self.comment_emails} new-comment email(s), {self.digests} digest(s) "
            f"and {self.post_emails} new-post email(s) for {self.posts} post(s)."
        )


def send_follow_mail(site=None):
    """One round: requests to follow taken up, stale requests forgotten, then the emails
    now due queued. Returns Queued."""
    services.take_up_follow_requests(site)
    services.send_due_confirmations(site)
    services.forget_unconfirmed()
    queued = Queued()
    # Digests first: a comment arriving as a window ends joins it rather than overtake it.
    queued.digests = send_digests(site)
    queued.comment_emails = tell_new_comments(site)
    queued.post_emails, queued.posts = announce_posts(site)
    return queued


# New comments --------------------------------------------------------------------------------


def new_comments():
    """Comments readers can see on a followed conversation, written in the last NEW_FOR
    and since someone confirmed following it, whose followers have not been told yet: in
    the order they were written."""
    followed = Subscription.objects.confirmed().threads()
    return (
        Comment.objects.public()
        .filter(
            # Read through the (tree_id, lft) index, a followed conversation at a time.
            tree_id__in=followed.values("thread__tree_id"),
            created_at__gte=timezone.now() - NEW_FOR,
        )
        .filter(
            Exists(
                followed.filter(
                    thread__tree_id=OuterRef("tree_id"), confirmed_at__lte=OuterRef("created_at")
                )
            )
        )
        .exclude(Exists(Noticed.objects.filter(comment=OuterRef("pk"))))
        .select_related("post")
        .order_by("created_at", "pk")
    )


def tell_new_comments(site=None):
    """Each new comment, in its own transaction: an email at once to each follower who
    has had none within FOLLOW_DIGEST_MINUTES, a place in the next digest for the others.
    Returns how many emails were queued."""
    Noticed.objects.filter(at__lt=timezone.now() - NEW_FOR).delete()
    queued = 0
    for comment in new_comments().iterator():
        try:
            with transaction.atomic():
                # Fails when another round has just told this comment's followers.
                Noticed.objects.create(comment=comment)
                queued += tell_followers(comment, site)
        except IntegrityError:
            logger.info("Comment %s was told to its followers by another round", comment.pk)
    return queued


def tell_followers(comment, site=None):
    now = timezone.now()
    followers = (
        Subscription.objects.confirmed()
        .threads()
        .filter(thread__tree_id=comment.tree_id, confirmed_at__lte=comment.created_at)
        .exclude(subscriber__email__iexact=comment.author_email)
        .select_related("subscriber")
        .select_for_update(of=("self",))
        .order_by("pk")
    )
    emails, waiting = [], []
    for subscription in followers:
        if subscription.digest_due_at and subscription.digest_due_at > now:
            waiting.append(Waiting(subscription=subscription, comment=comment))
            continue
        emails.append(comment_email(subscription, comment, site))
        subscription.digest_due_at = now + timedelta(minutes=settings.FOLLOW_DIGEST_MINUTES)
        subscription.save(update_fields=["digest_due_at"])
    Waiting.objects.bulk_create(waiting)
    if emails:
        get_connection().send_messages(emails)
    return len(emails)


def comment_context(comment, site=None):
    return {
        "comment": comment,
        "post": comment.post,
        "comment_url": absolute(comment.get_absolute_url(), site),
        "post_url": absolute(comment.post.get_absolute_url(), site),
    }


def comment_email(subscription, comment, site=None):
    return mail.message(
        subscription.subscriber,
        f"New comment by {comment.author_name} on “{comment.post.title}”",
        "subscriptions/email/comment",
        {**comment_context(comment, site), "minutes": settings.FOLLOW_DIGEST_MINUTES},
        subscription=subscription,
        site=site,
    )


# Digests ---------------------------------------------------------------------------------------


def send_digests(site=None):
    """One email for each follower whose window has ended with comments waiting; windows
    that ended with nothing waiting are closed. Returns how many digests were queued."""
    now = timezone.now()
    ended = Q(digest_due_at__isnull=True) | Q(digest_due_at__lte=now)
    due = Subscription.objects.filter(ended, pk__in=Waiting.objects.values("subscription"))
    queued = 0
    for pk in due.order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            subscription = (
                Subscription.objects.select_for_update(of=("self",))
                .select_related("subscriber")
                .filter(ended, pk=pk)
                .first()
            )
            if subscription is not None:
                queued += send_digest(subscription, site)
    return queued


def send_digest(subscription, site=None):
    waiting = Waiting.objects.filter(subscription=subscription)
    # A comment removed or held again since it was collected is left out.
    comments = list(
        Comment.objects.public()
        .filter(pk__in=waiting.values("comment"))
        .select_related("post")
        .order_by("created_at", "pk")
    )
    waiting.delete()
    subscription.digest_due_at = None
    subscription.save(update_fields=["digest_due_at"])
    if not comments:
        return 0
    post = comments[0].post
    mail.message(
        subscription.subscriber,
        f"{len(comments)} new comment{'s' if len(comments) != 1 else ''} on “{post.title}”",
        "subscriptions/email/digest",
        {
            "post": post,
            "post_url": absolute(post.get_absolute_url(), site),
            "items": [comment_context(comment, site) for comment in comments],
        },
        subscription=subscription,
        site=site,
    ).send()
    return 1


# New posts -------------------------------------------------------------------------------------


def posts_to_announce():
    """Published posts not yet announced to the end, published once someone followed new
    posts (older ones, imported ones among them, are never announced): oldest first."""
    first = Subscription.objects.confirmed().posts().aggregate(first=Min("confirmed_at"))["first"]
    if first is None:
        return Post.objects.none()
    finished = Announcement.objects.filter(post=OuterRef("pk"), finished_at__isnull=False)
    return (
        Post.objects.published()
        .filter(published_at__gte=first)
        .exclude(Exists(finished))
        .select_related("author")
        .order_by("published_at", "pk")
    )


def announce_posts(site=None):
    """Returns (emails queued, posts announced to the end)."""
    emails = posts = 0
    for post in posts_to_announce():
        emails += announce(post, site)
        posts += 1
    return emails, posts


def announce(post, site=None):
    """Queues `post`'s email to its subscribers (those who confirmed by its publication
    time), BATCH at a time in order of subscription, from where an earlier round stopped.
    A lot's emails are made before its transaction, which then only writes them and moves
    `through` on; a lot another round queued meanwhile is dropped and made again from
    there. Returns how many emails were queued."""
    announcement, _ = Announcement.objects.get_or_create(post=post)
    context = post_context(post, site)
    recipients = (
        Subscription.objects.confirmed()
        .posts()
        .filter(confirmed_at__lte=post.published_at)
        .select_related("subscriber")
        .order_by("pk")
    )
    queued = 0
    while announcement.finished_at is None:
        start = announcement.through
        batch = list(recipients.filter(pk__gt=start)[:BATCH])
        emails = [post_email(subscription, post, context, site) for subscription in batch]
        with transaction.atomic():
            announcement = Announcement.objects.select_for_update().get(pk=post.pk)
            if announcement.through != start or announcement.finished_at:
                continue
            if batch:
                # Behind the rest of the queue: a reply or a confirmation asked for while a
                # post goes to every subscriber does not wait for all of them. django-mailer's
                # Message model, as its DbBackend writes it, with a priority of our choosing.
                Message.objects.bulk_create(
                    [Message(email=email, priority=PRIORITY_LOW) for email in emails]
                )
                announcement.through = batch[-1].pk
                queued += len(emails)
            else:
                announcement.finished_at = timezone.now()
            announcement.save(update_fields=["through", "finished_at"])
    return queued


def post_context(post, site=None):
    picture = post.lead_picture()
    picture_url = ""
    if picture:
        # MEDIA_URL may already be a full address (a storage elsewhere).
        picture_url = picture.src if "://" in picture.src else absolute(picture.src, site)
    return {
        "post": post,
        "post_url": absolute(post.get_absolute_url(), site),
        "picture": picture,
        "picture_url": picture_url,
    }


def post_email(subscription, post, context, site=None):
    return mail.message(
        subscription.subscriber,
        post.title,
        "subscriptions/email/post",
        context,
        subscription=subscription,
        site=site,
    )
