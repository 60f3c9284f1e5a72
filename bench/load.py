"""HTTP load against gunicorn (2 workers) on loopback with PostgreSQL, measured with wrk.

Usage: python bench/load.py [postgres://user@host:port/scratch_db]
Prints requests/s, p50 and p99 latency for the home page, a post with 100 comments, a post
with 1,000 comments and a month archive, each against the limit: a static HTML file of the
same size served by the same gunicorn and WhiteNoise. Also the SQL queries each page costs
when it is built (uncached). Figures only: nothing here passes or fails.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH = Path(tempfile.gettempdir()) / "align-load"
DATABASE_URL = (
    sys.argv[1] if len(sys.argv) > 1 else "postgres://postgres@127.0.0.1:5432/align_bench_load"
)
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


def prepare():
    """A fresh database with the demo site and two posts of 100 and 1,000 comments."""
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

    from align import pagecache
    from blog.models import Post
    from demo.threads import generate

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    with open(os.devnull, "w") as quiet:
        call_command("demo_content", "--posts", "2", stdout=quiet)
    posts = Post.objects.filter(slug__startswith="benchmark-post-").order_by("pk")
    for post, size in zip(posts, (100, 1000), strict=True):
        generate(post, size, seed=size)
    pagecache.site_changed()
    return {
        "home": "/",
        "post, 100 comments": posts[0].get_absolute_url(),
        "post, 1,000 comments": posts[1].get_absolute_url(),
        "month archive": "/blog/2016/05/",
    }


def queries_and_sizes(pages):
    """Each page built once in-process, uncached: its SQL query count and its size."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from align.pagecache import forget_content_state

    figures = {}
    for label, path in pages.items():
        cache.clear()
        forget_content_state()
        with CaptureQueriesContext(connection) as queries:
            response = Client().get(path)
        assert response.status_code == 200, (label, response.status_code)
        figures[label] = (len(queries), response.content)
    return figures


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wrk(url):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+([\d.]+\w+)", output, re.M))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return rate, latency["50"], latency["99"], int(errors.group(1)) if errors else 0


def main():
    if not shutil.which("wrk"):
        print("wrk is not installed here: apt-get install -y wrk, then make bench again.")
        return
    cache_kind = shared_cache()
    pages = prepare()
    figures = queries_and_sizes(pages)
    static_dir = SCRATCH / "static" / "bench"
    static_dir.mkdir(parents=True, exist_ok=True)
    (static_dir / "limit.html").write_bytes(figures["post, 100 comments"][1])
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
        print(
            f"{'page':<24}{'req/s':>9}{'p50':>10}{'p99':>10}{'vs static':>11}{'SQL':>6}{'KiB':>7}"
        )
        print(f"{'static file (the limit)':<24}{limit[0]:>9.0f}{limit[1]:>10}{limit[2]:>10}"
              f"{'100%':>11}{'':>6}{len(figures['post, 100 comments'][1]) // 1024:>7}")  # fmt: skip
        for label, path in pages.items():
            rate, p50, p99, errors = wrk(base + path)
            queries, content = figures[label]
            note = f"  ({errors} errors)" if errors else ""
            print(f"{label:<24}{rate:>9.0f}{p50:>10}{p99:>10}{rate / limit[0]:>11.0%}"
                  f"{queries:>6}{len(content) // 1024:>7}{note}")  # fmt: skip
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
