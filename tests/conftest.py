import os
import runpy
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db.backends.signals import connection_created

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests
# make there (creating posts) are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Read by Django and pytest-django, not by align/settings.py.
NOT_SETTINGS = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def require(available, what, how):
    """Skip with a plain reason on a developer's machine; fail under CI, which must have it."""
    if available:
        return
    message = f"{what} is not available here: {how}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def planner_rows(model):
    """How many rows PostgreSQL's planner believes `model`'s table holds: pg_class.reltuples,
    set by ANALYZE (-1 before a table's first)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("runs in the suite's PostgreSQL pass (needs a PostgreSQL server)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


def read_past_writers(sender, connection, **kwargs):
    """Django's in-memory SQLite test database is one shared cache whose connections lock
    whole tables, so a page asked for while an import job's thread wrote answered "database
    table is locked"; the site's own database file (WAL) lets readers read on. Here too:
    readers take no table locks (SQLite's read_uncommitted, which only a shared cache reads)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA read_uncommitted = 1")


connection_created.connect(read_past_writers, dispatch_uid="tests-read-past-writers")


@pytest.fixture(scope="session", autouse=True)
def drop_leftover_sessions(django_db_setup, django_db_blocker):
    """At the end, ends the PostgreSQL sessions that request threads of a live server left
    open on the test database, so that it can be dropped rather than left behind."""
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def empty_cache(settings):
    """Each test starts with an empty cache of its own, in this process's memory."""
    from django.core.cache import cache

    from align.cache import shared, site

    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    settings.CACHES = {"default": memory, "local": {**memory, "LOCATION": "local"}}
    cache.clear()
    site.forget()
    shared.forget_outage()


@pytest.fixture
def site_settings(monkeypatch):
    """align/settings.py run in this process with the environment `env` and none of the
    site's variables from the shell that started pytest (DJANGO_DEBUG...): its settings as
    a dict, what a production process makes of them. None leaves a variable unset; the
    secret key and host names have defaults. A setting refused raises what the start would."""

    def read(**env):
        for name in list(os.environ):
            if name.startswith(("DJANGO_", "DATABASE_")) and name not in NOT_SETTINGS:
                monkeypatch.delenv(name)
        env = {"DJANGO_SECRET_KEY": "test", "DJANGO_ALLOWED_HOSTS": "testserver", **env}
        for name, value in env.items():
            if value is not None:
                monkeypatch.setenv(name, value)
        return runpy.run_path(str(ROOT / "align" / "settings.py"))

    return read


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path_factory):
    """Uploaded and generated images go to a scratch folder, never the project's media/."""
    settings.MEDIA_ROOT = tmp_path_factory.mktemp("media")
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def browser_type_launch_args():
    require(CHROMIUM.exists(), "Chromium", "apt-get install -y chromium")
    return {
        "executable_path": str(CHROMIUM),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture
def axe():
    """Runs axe-core in a Playwright page and returns its violations."""
    require(AXE.exists(), "axe-core", "npm install (make test does it)")

    source = AXE.read_text()

    def run(page):
        # Evaluated through the DevTools protocol: the site's CSP forbids inline scripts,
        # and the page under test keeps that policy.
        page.evaluate(source)
        result = page.evaluate(
            "() => axe.run(document, {runOnly: {type: 'tag', values: "
            "['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice']}})"
        )
        return [
            f"{v['id']}: {v['help']} ({', '.join(n['target'][0] for n in v['nodes'][:3])})"
            for v in result["violations"]
        ]

    return run


@pytest.fixture
def html_errors(tmp_path):
    """Validates pages ({name: html}) with the Nu HTML Checker in one run; returns its errors."""
    java = shutil.which("java")
    require(java and VNU.exists(), "The Nu HTML Checker", "install Java and npm install")

    def run(pages):
        files = []
        for name, html in pages.items():
            files.append(tmp_path / f"{name}.html")
            files[-1].write_text(html)
        result = subprocess.run(
            [java, "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, files)],
            capture_output=True,
            text=True,
            timeout=300,
        )
        return result.stderr.strip().splitlines()

    return run


@pytest.fixture
def csp_violations(page):
    """Console errors from the Content-Security-Policy while the test drives `page`."""
    violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and violations.append(message.text)
        ),
    )
    return violations


@pytest.fixture
def therapist(client):
    """Maren, signed in, in the Therapist group made by the migration: staff, not a
    superuser."""
    from django.contrib.auth.models import Group, User

    user = User.objects.create_user(
        "maren", "maren@example.com", "a-long-pass-phrase", is_staff=True, first_name="Maren"
    )
    user.groups.add(Group.objects.get(name="Therapist"))
    client.force_login(user)
    return user


@pytest.fixture
def smtp_inbox(settings, site_settings):
    """A real SMTP server (aiosmtpd) on a spare port, with the mail settings align/settings.py
    makes for it, and SITE_URL https://align.example: the queue's mail lands in its
    `messages` (email.message.EmailMessage) when the mailer's commands run."""
    from aiosmtpd.controller import Controller

    from tests.test_notifications import Inbox, spare_port

    port = spare_port()
    made = site_settings(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port), EMAIL_USE_TLS="0")
    for name, value in made.items():
        if name.startswith(("EMAIL_", "MAILER_")):
            setattr(settings, name, value)
    settings.SITE_URL = "https://align.example"
    received = Inbox()
    server = Controller(received, hostname="127.0.0.1", port=port)
    server.start()
    yield received
    server.stop()
