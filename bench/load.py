"""HTTP load against gunicorn (2 workers) on loopback with PostgreSQL, measured with wrk.

Usage: python bench/load.py [postgres://user@host:port/scratch_db]
Prints requests/s, p50 and p99 latency for the home page, a month archive and posts with
103 and 1,000 comments as three visitors see them: a stranger (no cookies), a returning
commenter (the "save my details" cookie) and a visitor whose comment awaits moderation
(a real pending comment and the cookie naming it). Each figure is printed beside its
target and against the limit: a static HTML file of the same size served by the
same gunicorn and WhiteNoise. Also the SQL queries each page costs when it is built
(uncached). Figures only: nothing here passes or fails.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE_URL = (
    sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/align_bench_load"
)
# Named after the database, so runs against different databases do not share files.
SCRATCH = Path(tempfile.gettempdir()) / f"align-load-{DATABASE_URL.rsplit('/', 1)[1]}"
SECONDS, CONNECTIONS = 10, 10

ENV = {
    "DJANGO_SETTINGS_MODULE": "align.settings",
    "DATABASE_URL": DATABASE_URL,
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "benchmark-only-secret-key-not-for-serving-anything-real",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    "DJANGO_STATIC_ROOT": str(SCRATCH / "static"),
    "DJANGO_MEDIA_ROOT": str(SCRATCH / "media"),
    "DJANGO_LOG_LEVEL": "WARNING",
    "DJANGO_CACHE_DIR": str(SCRATCH / "cache"),
}
REDIS = "redis://127.0.0.1:6379/14"


def shared_cache():
    """Redis as in docker-compose when one answers here (emptied first), else files."""
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        return "files (no Redis at 127.0.0.1:6379)"
    import redis

    redis.Redis.from_url(REDIS).flushdb()
    ENV["REDIS_URL"] = REDIS
    return "Redis"


SIZES = (103, 1000)
# The targets: requests/s for a page (a share of the static limit, or a rate),
# and p99 latency for every page.
STRANGER_SHARE = 0.6
RATE_TARGETS = {103: 1000, 1000: 500}
P99_TARGET_MS = 50


class Page(NamedTuple):
    label: str
    path: str
    cookie: str = ""  # the Cookie header the visitor sends
    rate: float = 0.0  # the requests/s target, if any
    share: float = 0.0  # the target as a share of the static limit, if any


def prepare():
    """A fresh database with the demo site, posts of 103 and 1,000 comments, and the
    pages to load, with each visitor's cookies."""
    import psycopg

    server, name = DATABASE_URL.rsplit("/", 1)
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    shutil.rmtree(SCRATCH, ignore_errors=True)
    os.environ.update(ENV)
    import django

    django.setup()
    from django.core.management import call_command

    from align.cache import site_changed
    from blog.models import Post
    from demo.threads import generate

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("demo_content", "--posts", "2", stdout=quiet)
    posts = Post.objects.filter(slug__startswith="benchmark-post-").order_by("pk")
    pages = [Page("home", "/")]
    for post, size in zip(posts, SIZES, strict=True):
        generate(post, size, seed=size)
        url = post.get_absolute_url()
        returning, pending = visitor_cookies(post)
        stranger_target = {"share": STRANGER_SHARE} if size == 103 else {"rate": RATE_TARGETS[size]}
        pages += [
            Page(f"{size:,} comments, stranger", url, **stranger_target),
            Page(f"{size:,} comments, returning", url, returning, rate=RATE_TARGETS[size]),
            Page(f"{size:,} comments, pending", url, pending, rate=RATE_TARGETS[size]),
        ]
    pages.append(Page("month archive", "/blog/2016/05/"))
    site_changed()
    return pages


def visitor_cookies(post):
    """Cookie headers of two real visitors of `post`, made by the site's own code: a
    returning commenter's saved details, and the cookie naming a comment of theirs that
    awaits moderation (a real one, answering the first thread, so it is on page 1)."""
    from django.http import HttpResponse
    from django.test import RequestFactory

    from comments import services, visitor
    from comments.models import Comment

    request = RequestFactory().get(post.get_absolute_url())
    saved = HttpResponse()
    visitor.remember_author(request, saved, "Returning Reader", "returning@example.com", "")
    first = post.comments.filter(level=0).order_by("tree_id").first()
    comment = services.post_comment(
        post,
        parent=first,
        name="Waiting Reader",
        email="waiting@example.com",
        body="Is this still safe to do after a knee replacement?",
        status=Comment.Status.PENDING,
        notify=False,
    )
    own = HttpResponse()
    visitor.add_own_comment(request, own, comment.pk)
    return cookie_header(saved), cookie_header(own)


def cookie_header(response):
    """What a browser sends back for the cookies `response` sets."""
    return "; ".join(f"{name}={morsel.coded_value}" for name, morsel in response.cookies.items())


def queries_and_sizes(pages):
    """Each page built once in-process, uncached: its SQL query count and its size."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from align.cache import site

    figures = {}
    for page in pages:
        cache.clear()
        site.forget()
        headers = {"Cookie": page.cookie} if page.cookie else {}
        with CaptureQueriesContext(connection) as queries:
            response = Client(headers=headers).get(page.path)
        assert response.status_code == 200, (page.label, response.status_code)
        figures[page.label] = (len(queries), response.content)
    return figures


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url, cookie=""):
    headers = ["-H", f"Cookie: {cookie}"] if cookie else []
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", *headers, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, latency["50"], latency["99"], int(errors.group(1)) if errors else 0


def milliseconds(latency):
    """wrk's '812.00us', '3.20ms' or '1.05s' in milliseconds."""
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", latency).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60_000}[unit]


def verdict(met):
    return "met" if met else "MISSED"


def rate_target(page, limit):
    """The page's requests/s target as printed, and whether `rate` meets it."""
    if page.share:
        wanted = page.share * limit
        return f">= {page.share:.1f}x static ({wanted:,.0f})", wanted
    if page.rate:
        return f">= {page.rate:,.0f}", page.rate
    return "", None


def line(page, rate, target, p50, p99, p99_note, share, queries, kib):
    return (
        f"{page:<28}{rate:>8}  {target:<30}{p50:>9}{p99:>9}  {p99_note:<12}"
        f"{share:>10}{queries:>5}{kib:>6}"
    )


def main():
    if not shutil.which("wrk"):
        print("wrk is not installed here: apt-get install -y wrk, then make bench again.")
        return
    cache_kind = shared_cache()
    pages = prepare()
    figures = queries_and_sizes(pages)
    static_dir = SCRATCH / "static" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    # The limit: the stranger's 103-comment page as a static file.
    static_page = figures["103 comments, stranger"][1]
    (static_dir / "limit.html").write_bytes(static_page)
    port = free_port()
    env = {**os.environ, **ENV, "PYTHON": sys.executable, "BIND": f"127.0.0.1:{port}",
           "WEB_CONCURRENCY": "2", "COLLECTSTATIC": "0"}  # fmt: skip
    server = subprocess.Popen(
        [str(ROOT / "bin" / "start-web")],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        limit = wrk(base + "/static/bench/limit.html")
        print(f"gunicorn, 2 workers; wrk -t2 -c{CONNECTIONS} -d{SECONDS}s; PostgreSQL; "
              f"shared cache: {cache_kind}")  # fmt: skip
        print("Targets beside each figure; p99 under "
              f"{P99_TARGET_MS} ms everywhere. Figures only: nothing fails.")  # fmt: skip
        print(line("page", "req/s", "target req/s", "p50", "p99", "p99 < 50 ms", "vs static",
                   "SQL", "KiB"))  # fmt: skip
        print(line("static file (the limit)", f"{limit[0]:.0f}", "", limit[1], limit[2], "",
                   "100%", "", len(static_page) // 1024))  # fmt: skip
        for page in pages:
            rate, p50, p99, errors = wrk(base + page.path, page.cookie)
            queries, content = figures[page.label]
            wanted, floor = rate_target(page, limit[0])
            if floor is not None:
                wanted = f"{wanted}: {verdict(rate >= floor)}"
            p99_note = verdict(milliseconds(p99) < P99_TARGET_MS)
            note = f"  ({errors} errors)" if errors else ""
            print(line(page.label, f"{rate:.0f}", wanted, p50, p99, p99_note,
                       f"{rate / limit[0]:.0%}", queries, len(content) // 1024) + note)  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
