"""varnish.vcl in front of the site as it runs: the real varnishd before bin/start-web's
gunicorn, on the suite's database server (PostgreSQL) or a SQLite file. What reaches
gunicorn is counted from its access log."""

import http.client
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from align.cache import site as site_cache
from tests.conftest import ROOT, require
from tests.test_deploy import free_port, production_env, wait_until_healthy
from tests.test_stack import cache_vcl

LIFETIME = 2  # DJANGO_SHARED_CACHE_SECONDS for this site: short, so the test is too
STALE = 2  # DJANGO_SHARED_CACHE_STALE_SECONDS
BURST = 50
MADE_UP = 3000  # addresses a bot makes up, in one test
VCL = ROOT / "varnish.vcl"

SEED = """
import json
from django.http import HttpResponse
from comments.visitor import OWN_COOKIE
from tests.factories import make_comment, make_post

post = make_post(title="Read through the proxy")
make_comment(post, body="A comment everyone sees.")
mine = make_comment(post, status="pending", body="Mine, awaiting moderation.")
later = make_comment(post, status="pending", body="Approved while the proxy held the page.")
response = HttpResponse()
response.set_signed_cookie(OWN_COOKIE, str(mine.pk), salt=OWN_COOKIE)
print(json.dumps({"path": post.get_absolute_url(), "later": later.pk,
                  "own": f"{OWN_COOKIE}={response.cookies[OWN_COOKIE].value}"}))
"""


def database_url(tmp_path):
    """A database of gunicorn's own: on the suite's PostgreSQL server, or a SQLite file."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'site.sqlite3'}", None
    s = connection.settings_dict
    server = f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT'] or 5432}"
    # Named after the suite's own database, so two suites on one server do not collide.
    name = f"{s['NAME'].removeprefix('test_')}_varnish_check"

    def drop():
        with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    drop()
    with psycopg.connect(f"{server}/postgres", autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return f"{server}/{name}", drop


def proxy_vcl(backend_port):
    """varnish.vcl as the cache image runs it, its one backend the test gunicorn."""
    return cache_vcl(backend_port, "127.0.0.1")


def stop(process):
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


class Site:
    """gunicorn behind varnishd, both on free loopback ports."""

    def __init__(self, tmp_path):
        self.tmp_path = tmp_path
        self.log = tmp_path / "gunicorn.log"
        self.url, self.drop = database_url(tmp_path)
        self.backend_port, self.port = free_port(), free_port()
        self.env = production_env(
            DATABASE_URL=self.url,
            DJANGO_SECURE_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_STATIC_ROOT=str(tmp_path / "static"),
            DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
            DJANGO_CACHE_DIR=str(tmp_path / "cache"),
            DJANGO_SHARED_CACHE_SECONDS=str(LIFETIME),
            DJANGO_SHARED_CACHE_STALE_SECONDS=str(STALE),
            PYTHON=sys.executable,
            BIND=f"127.0.0.1:{self.backend_port}",
            WEB_CONCURRENCY="2",
        )
        self.processes = []

    def start(self):
        with self.log.open("w") as out:
            gunicorn = subprocess.Popen(
                [str(ROOT / "bin" / "start-web")],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(gunicorn)
        wait_until_healthy(f"http://127.0.0.1:{self.backend_port}", gunicorn, self.log)
        self.seed = json.loads(self.manage("shell", "-c", SEED).splitlines()[-1])
        vcl = self.tmp_path / "site.vcl"
        vcl.write_text(proxy_vcl(self.backend_port))
        varnish_log = self.tmp_path / "varnishd.log"
        with varnish_log.open("w") as out:
            varnish = subprocess.Popen(
                [shutil.which("varnishd"), "-F", "-j", "none", "-n", str(self.tmp_path / "v"),
                 "-a", f"127.0.0.1:{self.port}", "-f", str(vcl), "-s", "malloc,32m"],
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        self.processes.append(varnish)
        wait_until_healthy(f"http://127.0.0.1:{self.port}", varnish, varnish_log)

    def close(self):
        for process in reversed(self.processes):
            stop(process)
        if self.drop:
            self.drop()

    def manage(self, *args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT, env=self.env, check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip

    def get(self, path, cookie=None, agent="tester", headers=()):
        """Status, headers and text of a GET through Varnish, from a browser named `agent`."""
        headers = {"User-Agent": agent, **({"Cookie": cookie} if cookie else {}), **dict(headers)}
        request = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.headers, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.headers, error.read().decode()

    def objects(self):
        """How many objects Varnish holds (hit-for-miss and hit-for-pass markers included).
        Those it made to answer a pass are freed a moment after: waited for while the count
        falls (5 s at most)."""
        deadline = time.monotonic() + 5
        count = self.count("MAIN.n_object")
        while time.monotonic() < deadline:
            time.sleep(0.2)
            count, before = self.count("MAIN.n_object"), count
            if count >= before:
                break
        return count

    def count(self, name):
        out = subprocess.run(
            ["varnishstat", "-n", str(self.tmp_path / "v"), "-1", "-f", name],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
        return int(out.split()[1])

    def reached(self, path, agent, at_least=1):
        """How many of `agent`'s GETs of `path` reached gunicorn. It writes its access line
        just after the answer: waited for until there are `at_least` (5 s at most)."""
        line = re.compile(rf'"GET {re.escape(path)} HTTP/1\.1" \d{{3}} \S+ \d+ms "{agent}"')
        deadline = time.monotonic() + 5
        while len(found := line.findall(self.log.read_text())) < at_least:
            if time.monotonic() > deadline:
                break
            time.sleep(0.05)
        return len(found)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require(shutil.which("varnishd"), "varnishd", "apt-get install -y varnish")
    site = Site(tmp_path_factory.mktemp("varnish"))
    try:
        site.start()
        yield site
    finally:
        site.close()


def burst(site, paths, agent):
    """BURST stranger GETs of each path, ten at a time: (seconds it took, answers)."""
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=10) as pool:
        requests = [path for path in paths for _ in range(BURST)]
        answers = list(pool.map(lambda path: site.get(path, agent=agent), requests))
    return time.monotonic() - started, answers


def test_a_burst_of_strangers_reaches_gunicorn_once_per_page_per_lifetime(site):
    paths = ["/", site.seed["path"]]

    took, answers = burst(site, paths, "first-burst")

    assert {status for status, _, _ in answers} == {200}
    assert all("Read through the proxy" in text for _, _, text in answers)
    # Nothing of one visitor's in what the others were given.
    assert all("set-cookie" not in {h.lower() for h in headers} for _, headers, _ in answers)
    allowed = math.ceil(took / LIFETIME)  # a lifetime of 2 s: the burst fits in one or two
    for path in paths:
        assert 1 <= site.reached(path, "first-burst") <= allowed

    time.sleep(LIFETIME + 0.2)  # the copies are stale now: the next burst refreshes them once
    took, answers = burst(site, paths, "second-burst")

    assert {status for status, _, _ in answers} == {200}
    for path in paths:
        assert 1 <= site.reached(path, "second-burst") <= math.ceil(took / LIFETIME) + 1


def test_a_visitor_with_a_pending_comment_is_never_served_from_the_cache(site):
    path = site.seed["path"]
    site.get(path)  # a stranger's copy, now in the cache
    own = f"csrftoken=abc; {site.seed['own']}"

    for _ in range(5):
        status, headers, text = site.get(path, cookie=own, agent="pending-visitor")
        assert status == 200
        assert "Mine, awaiting moderation." in text
        assert headers["Cache-Control"] == "private, no-cache"

    assert site.reached(path, "pending-visitor", at_least=5) == 5
    # Strangers, with or without cookies the page does not show (saved details are filled in
    # by the form-state request), get the shared copy, which never shows the pending comment.
    for cookie in (None, "csrftoken=abc; _ga=GA1.2", "comment_author=saved; own_comments="):
        status, headers, text = site.get(path, cookie=cookie)
        assert "Mine, awaiting moderation." not in text
        assert headers["Cache-Control"].startswith("public, max-age=0, s-maxage=2,")


def test_the_admin_and_the_comment_addresses_always_reach_gunicorn(site):
    feed = f"/comments/feed/{site.seed['path'].rstrip('/').rsplit('/', 1)[1]}/"

    for _ in range(3):
        status, headers, _ = site.get("/admin/login/", agent="therapist")
        assert status == 200 and "private" in headers["Cache-Control"]
        assert site.get(feed, agent="therapist")[0] == 200

    assert site.reached("/admin/login/", "therapist", at_least=3) == 3
    assert site.reached(feed, "therapist", at_least=3) == 3


def test_a_newly_approved_comment_shows_within_the_lifetime(site):
    path = site.seed["path"]
    assert "Approved while the proxy held the page." not in site.get(path)[2]

    site.manage(
        "shell", "-c",
        "from comments.models import Comment as C; c = C.objects.get(pk="
        f"{site.seed['later']}); c.status = 'approved'; c.save()",
    )  # fmt: skip
    approved = time.monotonic()
    # At worst: the proxy's copy, fetched just before, lives LIFETIME; a gunicorn worker reads
    # the site's version at most once every `site_cache.hold` seconds. Half a second for a
    # slow machine.
    deadline = approved + LIFETIME + site_cache.hold + 0.5
    while "Approved while the proxy held the page." not in site.get(path)[2]:
        assert time.monotonic() < deadline, "the approved comment did not show in time"
        time.sleep(0.1)


def test_the_vcl_keeps_every_personal_cookie_out_of_the_cache():
    names = re.search(r"\(\^\|;\)\\s\*\(([a-z_|]+)\)=\[", VCL.read_text()).group(1).split("|")

    assert sorted(names) == sorted(settings.PERSONAL_COOKIES)


def test_the_vcl_looks_up_the_query_strings_the_site_writes_and_no_other():
    names = re.search(r"\[\?&\]\(\?!\(([a-z|]+)\)=\)", VCL.read_text()).group(1).split("|")

    assert sorted(names) == sorted(["page", *settings.PAGE_PARTS])


def test_the_vcl_compiles(tmp_path):
    varnishd = shutil.which("varnishd")
    require(varnishd, "varnishd", "apt-get install -y varnish")
    (tmp_path / "site.vcl").write_text(proxy_vcl(8000))
    result = subprocess.run(
        [varnishd, "-C", "-j", "none", "-n", str(tmp_path / "v"), "-f", str(tmp_path / "site.vcl")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


def made_up(site, count):
    """`count` GETs of addresses a bot makes up, four keep-alive connections at a time."""

    def ask(start):
        connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=10)
        for n in range(start, count, 4):
            path = [
                f"/?x={n}",  # an unknown parameter
                f"/no-such-page-{n}/",  # a 404
                f"/?page=x{n}",  # a page number written otherwise: a 404
                f"/?corder=oldest{n}",  # a choice the links do not write: a redirect
                f"/exercises/?utm_source=bot{n}",  # tracking: the page's own address
                f"/blog/{n:07d}/",  # a year written otherwise than its links write it
            ][n % 6]
            connection.request("GET", path, headers={"User-Agent": "bot"})
            response = connection.getresponse()
            response.read()
            assert response.status in (200, 301, 404), (path, response.status)
        connection.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(ask, range(4)))


def test_made_up_addresses_leave_next_to_nothing_in_varnish(site):
    before = site.objects()

    made_up(site, MADE_UP)

    # The tracking parameters' page (/exercises/) is kept once; nothing else is.
    assert site.objects() - before <= 2
    assert site.get("/?x=1")[1]["Cache-Control"] == "private, no-cache"
    assert site.get("/no-such-page/")[1]["Cache-Control"] == "private, no-cache"


def prime(site, path):
    """`path` in each gunicorn worker's page cache: asked of gunicorn directly, ten at once
    (a worker busy with one leaves the next to the other), as Varnish's host."""
    url = f"http://127.0.0.1:{site.backend_port}{path}"
    request = urllib.request.Request(url, headers={"Host": f"127.0.0.1:{site.port}"})
    with ThreadPoolExecutor(max_workers=10) as pool:
        list(pool.map(lambda _: urllib.request.urlopen(request, timeout=10).read(), range(30)))


@pytest.mark.parametrize(
    "cookie",
    ["sessionid=made-up-session-key-0123456789", "messages=made-up", "own_comments=1,2,3"],
)
def test_a_cookie_that_holds_nothing_is_served_as_a_stranger_is_and_cleared(site, cookie):
    path = site.seed["path"]
    name = cookie.split("=")[0]
    prime(site, path)
    # Written behind the page cache's back (no save, so the site's version stays): a page
    # built now shows the new title; one from the page cache, the old.
    retitled = f"Retitled for the {name} test"
    site.manage(
        "shell", "-c",
        "from blog.models import Post; Post.objects.filter(slug="
        f"{path.rstrip('/').rsplit('/', 1)[1]!r}).update(title={retitled!r})",
    )  # fmt: skip
    assert retitled in site.get(f"{path}?built=1")[2]  # a query string the cache never keeps

    status, headers, text = site.get(path, cookie=cookie, agent=f"holder-of-{name}")

    assert status == 200
    assert retitled not in text  # the strangers' page, from gunicorn's page cache: no build
    assert site.reached(path, f"holder-of-{name}") == 1  # Varnish passed it on
    assert headers["Cache-Control"] == "private, no-cache"
    cleared = [c for c in headers.get_all("Set-Cookie") if c.startswith(f"{name}=")]
    assert cleared and all("Max-Age=0" in c for c in cleared)
    # Its answer, clearing the cookie, was kept for no one: a stranger's has no Set-Cookie.
    assert site.get(path)[1].get_all("Set-Cookie") is None


def test_every_spelling_of_the_scheme_shares_one_copy_per_scheme(site):
    before = site.objects()
    spellings = [(), ("http",), ("garbage",), ("HTTP",), ("https",), (" https, http",)]

    for spelling in spellings:
        headers = {"X-Forwarded-Proto": spelling[0]} if spelling else {}
        status, _, text = site.get("/privacy/", headers=headers, agent="schemes")
        assert status == 200
        scheme = "https" if spelling and spelling[0].strip().startswith("https") else "http"
        assert f'<link rel="canonical" href="{scheme}://' in text

    assert site.objects() - before == 2  # one http:// copy, one https://
