"""Prints how long import_blog takes to read a whole Weebly blog by its address.

Usage: python bench/crawl.py [DATABASE_URL]   (default: a scratch SQLite file)
Writes a Weebly-shaped blog of 100 posts with 3,000 comments and 500 pictures
(tests/weebly_site_fixture.py), serves it from 127.0.0.1 and imports it by its address with
--delay 0 into a scratch database, then imports it again (nothing new, every page from the
cache). Figures only, the first beside its target, and only once every post, comment and
picture has arrived: a fast import that lost some is no figure.
"""

import importlib.util
import os
import shutil
import time
from pathlib import Path

# The scratch database and settings of bench/comments.py (its name would shadow the app).
_spec = importlib.util.spec_from_file_location(
    "bench_setup", Path(__file__).with_name("comments.py")
)
setup = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(setup)

POSTS, COMMENTS, PICTURES = 100, 3000, 500
TARGET_SECONDS = 60


def main():
    setup.fresh_database()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    from tests.weebly_site_fixture import generated_site, serve

    get_user_model().objects.create_user("bench", is_staff=True)
    site, cache = setup.SCRATCH / "weebly-site", setup.SCRATCH / "crawl-cache"
    for folder in (site, cache, setup.SCRATCH / "media" / "imported"):
        shutil.rmtree(folder, ignore_errors=True)
    generated_site(site, posts=POSTS, comments=COMMENTS, pictures=PICTURES)
    print(
        f"Crawl and import of a Weebly blog: {POSTS} posts, {COMMENTS:,} comments, "
        f"{PICTURES} pictures from 127.0.0.1 ({setup.DATABASE_URL}):"
    )
    from blog.models import Post
    from comments.models import Comment

    media = setup.SCRATCH / "media" / "imported"
    with serve(site) as server:
        for label, target in (("by its address", TARGET_SECONDS), ("same blog again", None)):
            begin = time.perf_counter()
            with open(os.devnull, "w") as quiet:
                call_command(
                    "import_blog",
                    f"{server.url}/blog",
                    *("--author", "bench", "--delay", "0", "--cache", str(cache)),
                    stdout=quiet,
                )
            seconds = time.perf_counter() - begin
            pictures = sum(1 for path in media.rglob("*") if path.is_file())
            found = (Post.objects.count(), Comment.objects.count(), pictures)
            if found != (POSTS, COMMENTS, PICTURES):
                raise SystemExit(
                    f"  {label}: {found[0]} posts, {found[1]:,} comments and {found[2]} pictures "
                    "arrived, not all of them: no figure."
                )
            aim = f" (target: under {target} s)" if target else ""
            print(f"  {label}: {seconds:.1f} s{aim}")


if __name__ == "__main__":
    main()
