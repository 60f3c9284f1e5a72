"""The production setup as it runs: compose file, check --deploy, and bin/start-web serving
the site under gunicorn against a real PostgreSQL server."""

import http.cookiejar
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import psycopg
import pytest
from django.db import connection

from tests.conftest import ROOT, require

SECRET = "a-production-secret-key-that-is-long-and-random-enough-0123456789abcdef"


def production_env(**extra):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return {
        **clean,
        "DJANGO_SETTINGS_MODULE": "align.settings",
        "DJANGO_SECRET_KEY": SECRET,
        "DJANGO_ALLOWED_HOSTS": "align.example,127.0.0.1",
        **extra,
    }


def test_compose_file_validates():
    compose = shutil.which("docker-compose")
    require(compose, "docker-compose", "apt-get install -y --no-install-recommends docker-compose")

    result = subprocess.run(
        [compose, "--env-file", ".env.example", "-f", "docker-compose.yml", "config", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stderr


def test_compose_never_turns_debug_on():
    compose = (ROOT / "docker-compose.yml").read_text()

    assert 'DJANGO_DEBUG: "0"' in compose
    assert not re.search(r"^DJANGO_DEBUG=", (ROOT / ".env.example").read_text(), re.M)


def test_compose_delivers_queued_mail_and_retries_what_smtp_refused():
    compose = (ROOT / "docker-compose.yml").read_text()
    mailer = compose[compose.index("\n  mailer:") : compose.index("\n  proxy:")]

    assert '"manage.py", "run_mailer"' in mailer  # retries deferred mail too
    assert "environment: *app-environment" in mailer  # the web's settings, database and SMTP


def test_check_deploy_is_clean_with_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    # The two silenced: HSTS includeSubDomains and preload, opt-in (see settings.py).
    assert "System check identified no issues (2 silenced)." in result.stdout


def scratch_name(purpose):
    """A database name no other run uses, even one on another machine sharing the server."""
    return f"align_{purpose}_{uuid.uuid4().hex}"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def deploy_database():
    """A database of its own on the suite's PostgreSQL server, dropped afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("runs in the suite's PostgreSQL pass (needs a PostgreSQL server)")
    s = connection.settings_dict
    server = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}"
    name = scratch_name("deploy_check")
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def test_start_script_serves_the_site_under_gunicorn(deploy_database, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = production_env(
        DATABASE_URL=deploy_database,
        DJANGO_SECURE_SSL_REDIRECT="0",
        # Plain HTTP on loopback: a Secure CSRF cookie would never come back.
        DJANGO_SECURE_COOKIES="0",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_CACHE_DIR=str(tmp_path / "cache"),
        COMMENTS_MIN_FORM_SECONDS="0",
        PYTHON=sys.executable,
        BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY="2",
    )
    log = tmp_path / "web.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            [str(ROOT / "bin" / "start-web")],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        wait_until_healthy(base, server, log)
        subprocess.run(
            [sys.executable, "manage.py", "demo_content"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        check_pages(base)
        check_posting_a_comment(base)
        check_every_worker_sees_a_moderation(base, env)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    lines = log.read_text()
    assert re.search(r'127\.0\.0\.1 "GET /healthz HTTP/1\.1" 200 \d+ \d+ms', lines)
    assert re.search(r'"POST /comments/post/\d+/ HTTP/1\.1" 302', lines)


def check_every_worker_sees_a_moderation(base, env):
    """Approved in another process (as the admin would be): both workers' caches follow."""
    path = "/blog/2016/05/10/ten-minute-hip-and-spine-reset/"
    for _ in range(6):
        assert "Posted through gunicorn" not in get(base, path)[2]  # cached, still pending
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c",
         "from comments.models import Comment as C; c = C.objects.get(author_name="
         "'Gunicorn Tester'); c.status = 'approved'; c.save()"],
        cwd=ROOT, env=env, check=True, capture_output=True,
    )  # fmt: skip
    time.sleep(1.1)  # each worker reads the shared version at most once a second
    for _ in range(6):
        assert "Posted through gunicorn" in get(base, path)[2]


def wait_until_healthy(base, server, log):
    """Waits until `base`/healthz answers 200 while `server` (gunicorn, or a proxy in front
    of it) runs: a busy machine may take a while to start it."""
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert server.poll() is None, log.read_text()
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=10) as response:
                if response.status == 200:
                    return
        except OSError:  # refused, reset, or slow to answer while it starts on a busy machine
            time.sleep(0.5)
    pytest.fail(f"{base} did not answer /healthz within 90 s:\n" + log.read_text())


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.status, dict(response.headers), response.read().decode()


def check_pages(base):
    status, headers, home = get(base, "/")
    assert status == 200 and "Restorative movement for hips and spine" in home
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', home).group(1)
    assert get(base, stylesheet)[0] == 200
    pages = {
        "/blog/2016/05/10/ten-minute-hip-and-spine-reset/": "The sequence: 10 exercises",
        "/blog/2016/05/": "Posts from May 2016",
        "/feed/": "<rss",
        "/sitemap.xml": "ten-minute-hip-and-spine-reset",
        "/healthz": "database: ok",
    }
    for path, text in pages.items():
        status, _, body = get(base, path)
        assert status == 200 and text in body, path


def check_posting_a_comment(base):
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    quiet = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    post_url = base + "/blog/2016/05/10/ten-minute-hip-and-spine-reset/"
    page = browser.open(post_url, timeout=10).read().decode()
    action = re.search(r'<form id="comment-form"[^>]* action="([^"]+)"', page).group(1)
    # The page is everyone's: the token and stamp come as comments.js asks for them.
    state = json.loads(browser.open(base + "/comments/form-state/", timeout=10).read())
    form = {
        **state["fields"],
        "name": "Gunicorn Tester",
        "email": "tester@example.com",
        "body": "Posted through gunicorn, PostgreSQL and the real middleware.",
    }
    request = urllib.request.Request(
        base + action,
        data=urllib.parse.urlencode(form).encode(),
        headers={"Referer": post_url},
    )
    with pytest.raises(urllib.error.HTTPError) as redirect:
        quiet.open(request, timeout=10)
    assert redirect.value.code == 302
    location = redirect.value.headers["Location"]
    assert re.match(r"/blog/2016/05/10/ten-minute-hip-and-spine-reset/#comment-\d+$", location)
    after = browser.open(base + location.split("#")[0], timeout=10).read().decode()
    assert "Your comment is awaiting moderation" in after
