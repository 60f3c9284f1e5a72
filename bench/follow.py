"""Prints how long a new post takes to reach 10,000 subscribers' mail queue.

Usage: python bench/follow.py [DATABASE_URL]   (default: a scratch SQLite file)
Builds a scratch database with 10,000 confirmed subscribers to new posts, publishes a post
with the admin's Save (timed: the fan-out is not part of it), saves it again as a model,
then times one round of send_follow_mail, which queues the 10,000 emails in the
mailer's queue, one round with nothing left to do (what the mailer service does every
few seconds), and model saves of a post while a second post is fanned out. Figures only:
nothing here passes or fails.
"""

import importlib.util
import os
import statistics
import threading
import time
from datetime import timedelta
from pathlib import Path

# The scratch database and settings of bench/comments.py (its name would shadow the app).
_spec = importlib.util.spec_from_file_location(
    "bench_setup", Path(__file__).with_name("comments.py")
)
setup = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(setup)
os.environ.update(
    ADMIN_REQUIRE_2FA="0",
    SITE_URL="https://align.example",
    EMAIL_HOST="",
    DJANGO_LOG_LEVEL="WARNING",
)
SUBSCRIBERS = 10_000


def timed(action):
    """(seconds, result) of one call of `action`."""
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def main():
    setup.fresh_database()
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone
    from mailer.models import Message

    from blog.models import Author, Post
    from subscriptions.models import Subscriber, Subscription
    from subscriptions.sending import send_follow_mail
    from tests.test_blog_admin import post_data  # the admin form a Save sends

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    confirmed = timezone.now() - timedelta(days=1)
    subscribers = Subscriber.objects.bulk_create(
        Subscriber(email=f"reader{n}@example.com") for n in range(SUBSCRIBERS)
    )
    Subscription.objects.bulk_create(
        Subscription(subscriber=subscriber, kind="posts", confirmed_at=confirmed)
        for subscriber in subscribers
    )
    author = Author.objects.create(name="Maren", slug="maren", bio="Helps people move.")
    admin = User.objects.create_superuser("bench", "bench@example.com", "bench-only-pass")
    client = Client()
    client.force_login(admin)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(f"database: {connection.vendor}, {SUBSCRIBERS:,} confirmed subscribers to new posts")

    form = post_data(
        author,
        summary="Where the breath goes when you sit, and how to find it again.",
        body="Lie on your side.\n\nBreathe into the ribs you cannot see.",
    )
    assert client.get("/admin/blog/post/add/").status_code == 200  # warmed up, as a live site
    seconds, response = timed(lambda: client.post("/admin/blog/post/add/", form))
    assert response.status_code == 302, response.status_code
    print(f"admin Save publishing the post: {seconds * 1000:7.1f} ms")
    post = Post.objects.get(slug=form["slug"])
    change = f"/admin/blog/post/{post.pk}/change/"
    form["summary"] = "Shorter."
    form["published_at_1"] = f"{timezone.localtime(post.published_at):%H:%M:%S}"
    form["published_at_0"] = f"{timezone.localtime(post.published_at):%Y-%m-%d}"
    seconds, response = timed(lambda: client.post(change, form))
    assert response.status_code == 302, response.status_code
    print(f"admin Save changing the published post: {seconds * 1000:7.1f} ms")
    seconds, _ = timed(post.save)
    print(f"model save of the published post: {seconds * 1000:7.1f} ms")

    seconds, queued = timed(send_follow_mail)
    emails = Message.objects.count()
    assert queued.post_emails == emails == SUBSCRIBERS, (queued, emails)
    print(
        f"send_follow_mail, the post to every subscriber: {seconds:6.2f} s for {emails:,} emails"
        f" queued ({emails / seconds:,.0f} a second; target under 30 s:"
        f" {'met' if seconds < 30 else 'MISSED'})"
    )
    seconds, queued = timed(send_follow_mail)
    assert not queued
    print(f"send_follow_mail with nothing due: {seconds * 1000:7.1f} ms")

    # A second post fanned out while the first is saved again and again (in one process:
    # the saves wait for the interpreter as well as for the database).
    Post.objects.create(
        title="Sitting bones",
        slug="sitting-bones",
        author=author,
        summary="Finding them.",
        body="Sit on your hands.",
        status="published",
        published_at=timezone.now(),
    )
    fan_out = threading.Thread(target=lambda: (send_follow_mail(), connection.close()))
    saves = []
    fan_out.start()
    while fan_out.is_alive():
        saves.append(timed(post.save)[0] * 1000)
        time.sleep(0.05)
    fan_out.join()
    assert Message.objects.count() == 2 * SUBSCRIBERS
    print(
        f"model saves during the next fan-out: {len(saves)}, median "
        f"{statistics.median(saves):.1f} ms, slowest {max(saves):.1f} ms"
    )


if __name__ == "__main__":
    main()
