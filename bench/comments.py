"""Prints how fast post pages render and replies are saved as threads grow.

Usage: python bench/comments.py [DATABASE_URL]   (default: a scratch SQLite file)
Builds a scratch database, then prints the median time to build a post page with 103
and 1,000 comments from cold (caches emptied, one request after another) beside its
target, and from the cache (its SQL query count, its size in HTML and how
many comment pages the thread takes), and to add a reply to a post that already has 10,
1,000 and 10,000 comments. Figures only: nothing here passes or fails.
"""

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Named after the database, so runs against different databases do not share files.
NAME = sys.argv[1].rsplit("/", 1)[1] if len(sys.argv) > 1 else "sqlite"
SCRATCH = Path(tempfile.gettempdir()) / f"align-bench-{NAME}"
DATABASE_URL = sys.argv[1] if len(sys.argv) > 1 else f"sqlite:///{SCRATCH}/bench.sqlite3"

os.environ.update(
    DJANGO_SETTINGS_MODULE="align.settings",
    DATABASE_URL=DATABASE_URL,
    DJANGO_DEBUG="0",
    DJANGO_SECRET_KEY="benchmark-only-secret-key-not-for-serving",
    DJANGO_ALLOWED_HOSTS="testserver",
    DJANGO_SECURE_SSL_REDIRECT="0",
    DJANGO_STATIC_ROOT=str(SCRATCH / "static"),
    DJANGO_MEDIA_ROOT=str(SCRATCH / "media"),
    DJANGO_CACHE_DIR=str(SCRATCH / "cache"),
)


def fresh_database():
    import psycopg

    if DATABASE_URL.startswith("sqlite"):
        SCRATCH.mkdir(exist_ok=True)
        Path(DATABASE_URL.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    server, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')


# The target: a post page built from cold in at most this many milliseconds.
COLD_TARGET_MS = {103: 25, 1000: 50}


def median_ms(action, runs, before=None):
    """Median milliseconds of `action`; `before` runs untimed ahead of each call."""
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main():
    fresh_database()
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from align.cache import site
    from blog.models import Post
    from comments import pages
    from demo.threads import generate

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("demo_content", "--posts", "5", stdout=quiet)
    posts = list(Post.objects.filter(slug__startswith="benchmark-post-").order_by("pk"))
    sizes = [103, 1000, 10, 10_000]
    for post, size in zip(posts, sizes, strict=False):
        generate(post, size, seed=size)
    by_size = dict(zip(sizes, posts, strict=False))
    if connection.vendor == "postgresql":
        # Statistics for the rows just written, as autovacuum would gather them on a live
        # site: without, the planner guesses, and autovacuum may start mid-measurement.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")

    print(f"database: {connection.vendor}")

    client = Client()  # one handler: a new Client would load the middleware again

    def visit(url):
        """A first-time visitor: no cookies."""
        client.cookies.clear()
        return client.get(url)

    def empty_cache():
        cache.clear()
        site.forget()

    for size, runs in ((103, 50), (1000, 15)):
        url = by_size[size].get_absolute_url()
        visit(url)  # warm up
        empty_cache()
        with CaptureQueriesContext(connection) as queries:
            response = visit(url)
        assert response.status_code == 200
        query_count = len(queries)
        built = median_ms(lambda url=url: visit(url), runs, before=empty_cache)
        cached = median_ms(lambda url=url: visit(url), runs)
        target = COLD_TARGET_MS[size]
        print(
            f"post page, {size:>5,} comments: built {built:6.1f} ms (target <= {target} ms:"
            f" {'met' if built <= target else 'MISSED'}), from cache {cached:5.2f} ms"
            f"  ({query_count} SQL queries when built, {len(response.content) // 1024} KiB of"
            f" HTML, comment page 1 of {pages.layout(by_size[size]).count})"
        )
    rng = random.Random(1)
    for size in (10, 1000, 10_000):
        ms = reply_median_ms(by_size[size], rng)
        print(f"add a reply to a post with {size:>6} comments: median {ms:6.2f} ms")


def reply_median_ms(post, rng, runs=30):
    """Median milliseconds to add an approved reply under a random comment of `post`."""
    from comments import services
    from comments.models import Comment

    pks = list(post.comments.values_list("pk", flat=True))

    def reply():
        services.post_comment(
            post,
            parent=Comment(pk=rng.choice(pks)),
            name="Bench",
            email="bench@example.com",
            body="A reply written by the benchmark.",
            status=Comment.Status.APPROVED,
        )

    return median_ms(reply, runs)


if __name__ == "__main__":
    main()
