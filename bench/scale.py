"""Prints how the site does at the size a busy blog reaches: a million comments.

Usage: python bench/scale.py [DATABASE_URL] [--posts N] [--comments M]
(defaults: a scratch PostgreSQL database, 2,000 posts of about 500 comments each).
Builds the site with `demo_content --posts N --comments M`, then times, each against its
target: a post page with 500 comments built cold; home, a month and a year archive and two
searches, cold; the admin's comment queue (pending first) and post list; a new reply on posts
with 10 and 10,000 comments, straight after the load. Figures only: nothing here passes or
fails.
"""

import argparse
import importlib.util
import os
import random
import sys
import time
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument(
    "database_url", nargs="?", default="postgres://postgres@127.0.0.1:5432/align_bench_scale"
)
parser.add_argument("--posts", type=int, default=2000)
parser.add_argument("--comments", type=int, default=500)
ARGS = parser.parse_args()
sys.argv[1:] = [ARGS.database_url]

# The scratch database and settings of bench/comments.py (its name would shadow the app).
_spec = importlib.util.spec_from_file_location(
    "bench_setup", Path(__file__).with_name("comments.py")
)
setup = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(setup)

PENDING = 2000  # comments left waiting in the queue, spread over the site


def line(label, ms, target_ms):
    verdict = "within" if ms <= target_ms else "OVER"
    print(f"{label:<52}{ms:>10.1f} ms   target < {target_ms:>5} ms  ({verdict})")


def main():
    setup.fresh_database()
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from align.cache import site
    from blog.models import Post
    from comments.models import Comment
    from demo.threads import generate

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command(
            "demo_content", "--posts", str(ARGS.posts), "--comments", str(ARGS.comments),
            stdout=quiet,
        )  # fmt: skip
    seconds = time.perf_counter() - start
    total = Comment.objects.count()
    print(f"database: {connection.vendor}; {Post.objects.count()} posts, {total:,} comments")
    built = f"demo_content --posts {ARGS.posts} --comments {ARGS.comments}"
    line(f"{built} (whole run)", seconds * 1000, 300_000)

    pending = list(Comment.objects.order_by("?").values_list("pk", flat=True)[:PENDING])
    Comment.objects.filter(pk__in=pending).update(status=Comment.Status.PENDING)
    small, large = Post.objects.filter(slug__startswith="benchmark-post-").order_by("-pk")[:2]
    small.comments.all().delete()
    generate(small, 10, seed=10)
    generate(large, 10_000 - large.comments.count(), seed=10_000)
    start = time.perf_counter()
    with open(os.devnull, "w") as quiet:
        call_command("check_comment_trees", stdout=quiet)  # exits non-zero on a damaged tree
    seconds = time.perf_counter() - start
    line(f"check_comment_trees ({total:,} comments, all sound)", seconds * 1000, 300_000)
    # No VACUUM or ANALYZE here: the figures are those a site owner meets straight after
    # the load, with the statistics demo_content gathered itself (align/bulkload.py).

    client = Client()

    def empty_cache():
        cache.clear()
        site.forget()

    def cold(path, runs=15):
        def visit():
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)

        visit()
        return setup.median_ms(visit, runs, before=empty_cache)

    busy = (
        Post.objects.filter(slug__startswith="benchmark-post-")
        .exclude(pk__in=[small.pk, large.pk])
        .order_by("pk")
        .first()
    )
    newest = Post.objects.published().latest("published_at").published_at
    oldest = Post.objects.published().earliest("published_at").published_at
    line(f"post page, {busy.comments.count()} comments, cold", cold(busy.get_absolute_url()), 50)
    line("home, cold", cold("/"), 100)
    line("month archive, cold", cold(f"/blog/{newest:%Y/%m}/"), 100)
    line("year archive (oldest year), cold", cold(f"/blog/{oldest:%Y}/"), 100)
    line("search 'hip flexor', cold", cold("/search/?q=hip+flexor"), 100)
    # A word in most of the generated comments: ranking every match would read them all.
    line("search 'stretch' (in most comments), cold", cold("/search/?q=stretch"), 100)

    therapist = get_user_model().objects.get(username="therapist")
    client.force_login(therapist)
    line("admin comment queue (pending first)", cold("/admin/comments/comment/"), 300)
    line("admin comment queue, page 50", cold("/admin/comments/comment/?p=50"), 300)
    line(
        "admin comment queue, pending only",
        cold("/admin/comments/comment/?status__exact=pending"),
        300,
    )
    line(
        "admin comment queue, approved only",
        cold("/admin/comments/comment/?status__exact=approved"),
        300,
    )
    line(
        f"admin comment queue, one post ({large.comments.count():,})",
        cold(f"/admin/comments/comment/?post__id__exact={large.pk}"),
        300,
    )
    line("admin post list", cold("/admin/blog/post/"), 300)
    client.logout()

    rng = random.Random(1)
    for post in (small, large):
        size = post.comments.count()
        line(f"new reply, post with {size:,} comments", setup.reply_median_ms(post, rng), 20)


if __name__ == "__main__":
    main()
