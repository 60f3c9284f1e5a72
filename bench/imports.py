"""Prints how long import_blog takes for a WordPress export with 10,000 comments.

Usage: python bench/imports.py [DATABASE_URL]   (default: a scratch SQLite file)
Writes a WXR 1.2 file of 20 posts with 500 threaded comments each, imports it into a
scratch database, then imports it again (nothing new: the idempotent path). Figures only.
"""

import importlib.util
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

# The scratch database and settings of bench/comments.py (its name would shadow the app).
_spec = importlib.util.spec_from_file_location(
    "bench_setup", Path(__file__).with_name("comments.py")
)
setup = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(setup)

POSTS, COMMENTS = 20, 500
HEAD = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Bench</title><link>https://bench.example</link>
<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://bench.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login><![CDATA[bench]]></wp:author_login>
</wp:author>
"""
ITEM = """<item><title>Bench post {n}</title><dc:creator><![CDATA[bench]]></dc:creator>
<content:encoded><![CDATA[<p>Generated post {n} for the import benchmark.</p>]]></content:encoded>
<wp:post_id>{n}</wp:post_id><wp:post_date_gmt>{date}</wp:post_date_gmt>
<wp:post_name>bench-post-{n}</wp:post_name><wp:status>publish</wp:status>
<wp:post_type>post</wp:post_type>{comments}</item>
"""
COMMENT = """<wp:comment><wp:comment_id>{id}</wp:comment_id>
<wp:comment_author><![CDATA[Reader {id}]]></wp:comment_author>
<wp:comment_author_email>reader{id}@example.com</wp:comment_author_email>
<wp:comment_date_gmt>{date}</wp:comment_date_gmt>
<wp:comment_content><![CDATA[{body}]]></wp:comment_content>
<wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id>
</wp:comment>"""
WORDS = [
    "hip",
    "spine",
    "hold",
    "breath",
    "floor",
    "knee",
    "stretch",
    "gentle",
    "minute",
    "side",
    "wall",
    "strap",
]


def export_file(path):
    rng = random.Random(7)
    start = datetime(2015, 1, 1, tzinfo=UTC)
    with path.open("w") as out:
        out.write(HEAD)
        for n in range(1, POSTS + 1):
            when = start + timedelta(days=30 * n)
            comments, ids = [], []
            for c in range(COMMENTS):
                comment_id = n * 100_000 + c
                parent = rng.choice(ids[-5:]) if ids and rng.random() < 0.6 else 0
                when += timedelta(minutes=rng.randint(5, 300))
                body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(15, 80)))
                comments.append(
                    COMMENT.format(
                        id=comment_id, date=f"{when:%Y-%m-%d %H:%M:%S}", body=body, parent=parent
                    )
                )
                ids.append(comment_id)
            date = f"{start + timedelta(days=30 * n):%Y-%m-%d %H:%M:%S}"
            out.write(ITEM.format(n=n, date=date, comments="".join(comments)))
        out.write("</channel></rss>\n")


def main():
    setup.fresh_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("bench", is_staff=True)
    path = Path(tempfile.gettempdir()) / "align-bench-import.xml"
    setup.SCRATCH.mkdir(exist_ok=True)
    export_file(path)
    print(f"Import of {POSTS * COMMENTS:,} comments on {POSTS} posts ({setup.DATABASE_URL}):")
    for label in ("first import", "same file again"):
        begin = time.perf_counter()
        with open(os.devnull, "w") as quiet:
            call_command("import_blog", str(path), "--author", "bench", stdout=quiet)
        print(f"  {label}: {time.perf_counter() - begin:.1f} s")


if __name__ == "__main__":
    main()
