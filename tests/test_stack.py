"""The container stack's parts that run here without Docker: the mailer's loop through a
database restart, the health checks (the host name they ask as, the heartbeat files), the
cache's backends for several web containers, the lock file the image installs, and what the
build leaves out of the images. bin/test-compose runs the stack itself."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import psycopg
import pytest
import yaml
from django.conf import settings as django_settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.conftest import ROOT, require
from tests.test_deploy import free_port, production_env

PGBIN = Path("/usr/lib/postgresql/15/bin")
ENTRYPOINT = ROOT / "deploy" / "varnish" / "entrypoint"
BACKENDS_INCLUDE = 'include "backends.vcl";'


def wait_for(condition, process, log, what):
    """Waits (a minute at most) until `condition()` while `process` runs."""
    deadline = time.monotonic() + 60
    while not condition():
        assert process.poll() is None, log.read_text()
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within a minute:\n{log.read_text()}")
        time.sleep(0.05)


# The mailer through a database restart ---------------------------------------------------


class PrivatePostgres:
    """A PostgreSQL server of the test's own, which it stops and starts again. PostgreSQL
    refuses to run as root, so it runs as the postgres user."""

    def __init__(self):
        self.folder = Path(tempfile.mkdtemp(prefix="align-pg-"))
        shutil.chown(self.folder, "postgres", "postgres")
        self.data = self.folder / "data"
        self.port = free_port()
        self.as_postgres(PGBIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust",
                         "-E", "UTF8", "--no-sync")  # fmt: skip
        self.start()

    def as_postgres(self, *command):
        subprocess.run(["runuser", "-u", "postgres", "--", *map(str, command)],
                       check=True, capture_output=True)  # fmt: skip

    def start(self):
        options = f"-k {self.folder} -p {self.port} -c listen_addresses=127.0.0.1"
        self.as_postgres(PGBIN / "pg_ctl", "-D", self.data, "-l", self.folder / "server.log",
                         "-w", "-o", options, "start")  # fmt: skip

    def stop(self):
        self.as_postgres(PGBIN / "pg_ctl", "-D", self.data, "-m", "fast", "-w", "stop")

    def database(self, name):
        with psycopg.connect(f"postgres://postgres@127.0.0.1:{self.port}/postgres",
                             autocommit=True) as admin:  # fmt: skip
            admin.execute(f'CREATE DATABASE "{name}"')
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def remove(self):
        # Whatever state the test left it in: no server outlives it.
        stop = [str(PGBIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "stop"]
        subprocess.run(["runuser", "-u", "postgres", "--", *stop], capture_output=True)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture
def private_postgres():
    require(PGBIN.exists(), "PostgreSQL 15's server", "apt-get install -y postgresql-15")
    require(os.geteuid() == 0, "root (to run PostgreSQL as its own user)", "run as root")
    server = PrivatePostgres()
    yield server
    server.remove()


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   capture_output=True)  # fmt: skip


def test_the_mailer_waits_out_a_database_restart_and_sends_on(private_postgres, tmp_path):
    env = production_env(
        DATABASE_URL=private_postgres.database("align_mailer"),
        DJANGO_SETTINGS_MODULE="tests.quick_mailer_settings",
        EMAIL_HOST="",  # mail is written to the output
    )
    manage(env, "migrate")
    heartbeat, log = tmp_path / "heartbeat", tmp_path / "mailer.log"
    with log.open("w") as out:
        mailer = subprocess.Popen(
            [sys.executable, "manage.py", "run_mailer", "--heartbeat", str(heartbeat)],
            cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    try:
        wait_for(heartbeat.exists, mailer, log, "a first round")
        private_postgres.stop()
        wait_for(lambda: "Database unavailable" in log.read_text(), mailer, log, "the notice")
        beat = heartbeat.stat().st_mtime_ns
        # Still going round while the database is away: its health check stays green.
        wait_for(lambda: heartbeat.stat().st_mtime_ns > beat, mailer, log, "another round")
        private_postgres.start()
        manage(env, "shell", "-c", "from django.core.mail import send_mail; send_mail("
               "'After the restart', 'Queued once the database was back.', "
               "'site@align.example', ['reader@example.com'])")  # fmt: skip
        wait_for(lambda: "Queued once the database was back." in log.read_text(), mailer, log,
                 "the delivery")  # fmt: skip
    finally:
        os.killpg(mailer.pid, signal.SIGTERM)
        mailer.wait(timeout=30)
    output = log.read_text()
    assert "Traceback" not in output
    assert output.count("Database unavailable, waiting") == 1
    assert output.count("Database back: sending again") == 1


# Health checks -----------------------------------------------------------------------------


def compose_file():
    """docker-compose.yml as Compose reads it: anchors resolved, `$$` a plain `$`."""
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text().replace("$$", "$"))


@pytest.mark.django_db
def test_health_checks_ask_as_a_host_production_always_allows(site_settings, settings, client):
    dockerfile = (ROOT / "Dockerfile").read_text()
    image_check = re.search(r"^HEALTHCHECK .*'Host': '([^']+)'", dockerfile, re.M | re.S)
    probe = re.search(r'probe healthz \{[^}]*"Host: ([^"]+)"', (ROOT / "varnish.vcl").read_text())
    assert image_check.group(1) == probe.group(1)

    made = site_settings(DJANGO_ALLOWED_HOSTS=".align.example")
    settings.ALLOWED_HOSTS = made["ALLOWED_HOSTS"]

    assert client.get("/healthz", HTTP_HOST=probe.group(1)).status_code == 200
    assert client.get("/healthz", HTTP_HOST="www.align.example").status_code == 200
    assert client.get("/healthz", HTTP_HOST="intruder.example").status_code == 400


@pytest.mark.parametrize(("service", "round_seconds"), [("mailer", 300), ("purger", 90000)])
def test_a_heartbeat_older_than_a_round_makes_the_service_unhealthy(
    tmp_path, service, round_seconds
):
    kind, check = compose_file()["services"][service]["healthcheck"]["test"]
    beat = tmp_path / "heartbeat"
    assert kind == "CMD-SHELL" and "/tmp/heartbeat" in check

    def healthy():
        command = check.replace("/tmp/heartbeat", str(beat))
        return subprocess.run(["sh", "-c", command], capture_output=True).returncode == 0

    assert not healthy()  # no round yet
    beat.touch()
    assert healthy()
    now = time.time()
    os.utime(beat, (now - round_seconds + 60,) * 2)
    assert healthy()
    os.utime(beat, (now - round_seconds - 60,) * 2)
    assert not healthy()


def test_one_image_serves_web_mailer_and_purger_and_proxy_ports_are_settable():
    compose = shutil.which("docker-compose")
    require(compose, "docker-compose", "apt-get install -y --no-install-recommends docker-compose")
    ports = {"PROXY_HTTP_PORT": "127.0.0.1:18080", "PROXY_HTTPS_PORT": "127.0.0.1:18443"}
    env = {**os.environ, **ports}
    result = subprocess.run(
        [compose, "--env-file", ".env.example", "-f", "docker-compose.yml", "config"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    services = yaml.safe_load(result.stdout)["services"]

    assert {services[name]["image"] for name in ("web", "mailer", "purger")} == {"align-web"}
    assert [name for name in ("web", "mailer", "purger") if "build" in services[name]] == ["web"]
    assert all("disable" not in services[name]["healthcheck"] for name in ("mailer", "purger"))
    assert services["proxy"]["ports"] == [
        "127.0.0.1:18080:80/tcp",
        "127.0.0.1:18443:443/tcp",
        "127.0.0.1:18443:443/udp",  # HTTP/3, which Caddy offers on 443
    ]


# The cache's backends ---------------------------------------------------------------------


def cache_vcl(port, *addresses):
    """varnish.vcl as the cache image runs it, with the backends its entrypoint writes for
    web containers at `addresses`, each serving on `port`."""
    backends = subprocess.run(
        [str(ENTRYPOINT), "vcl", *addresses],
        env={**os.environ, "VARNISH_BACKEND_PORT": str(port)},
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    vcl = (ROOT / "varnish.vcl").read_text()
    assert vcl.count(BACKENDS_INCLUDE) == 1
    return vcl.replace(BACKENDS_INCLUDE, backends)


class Backend(ThreadingHTTPServer):
    """A stand-in web container: counts the requests for each path; /healthz answers 200
    while `healthy`."""

    def __init__(self, address, port):
        self.healthy = True
        self.seen = []
        self.lock, self.busy, self.most_busy = threading.Lock(), 0, 0
        super().__init__((address, port), Answer)
        threading.Thread(target=self.serve_forever, daemon=True).start()


class Answer(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            status = 200 if self.server.healthy else 503
        else:
            status = 200
            self.server.seen.append(self.path)
        if self.path.startswith("/slow/"):  # a page drawn for each asker, as a feed is
            with self.server.lock:
                self.server.busy += 1
                self.server.most_busy = max(self.server.most_busy, self.server.busy)
            time.sleep(0.3)
            with self.server.lock:
                self.server.busy -= 1
        self.send_response(status)
        self.send_header("Cache-Control", "private")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@contextmanager
def running_cache(tmp_path, port, *addresses):
    """varnishd with the cache image's VCL in front of stand-in web containers at
    `addresses`; yields its port, once it answers."""
    varnishd = shutil.which("varnishd")
    require(varnishd, "varnishd", "apt-get install -y varnish")
    cache_port = free_port()
    (tmp_path / "site.vcl").write_text(cache_vcl(port, *addresses))
    log = tmp_path / "varnishd.log"
    with log.open("w") as out:
        cache = subprocess.Popen(
            [varnishd, "-F", "-j", "none", "-n", str(tmp_path / "v"), "-a",
             f"127.0.0.1:{cache_port}", "-f", str(tmp_path / "site.vcl"), "-s", "malloc,16m"],
            stdout=out, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip

    def answers():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{cache_port}/?warm", timeout=10):
                return True
        except OSError:
            return False

    try:
        wait_for(answers, cache, log, "the cache answering")
        yield cache_port, cache, log
    finally:
        os.killpg(cache.pid, signal.SIGTERM)
        cache.wait(timeout=30)


def test_the_cache_spreads_requests_over_every_web_container_that_answers(tmp_path):
    port = free_port()
    # Two addresses on the loopback network, as two containers on Docker's.
    first, second = Backend("127.0.0.1", port), Backend("127.0.0.2", port)

    def spread(count, name):
        for n in range(count):
            url = f"http://127.0.0.1:{cache_port}/?{name}={n}"  # not kept: each one is asked
            with urllib.request.urlopen(url, timeout=10) as response:
                assert response.status == 200
        return [sum(path.startswith(f"/?{name}=") for path in b.seen) for b in (first, second)]

    try:
        with running_cache(tmp_path, port, "127.0.0.1", "127.0.0.2") as (cache_port, cache, log):
            assert spread(20, "even") == [10, 10]
            second.healthy = False  # starting, or failing: its probe says so
            sick = lambda: "sick" in adm(tmp_path, "backend.list")  # noqa: E731
            wait_for(sick, cache, log, "the probe noticing")
            assert spread(10, "one") == [10, 0]
    finally:
        first.shutdown(), second.shutdown()


def test_readers_asking_together_for_a_page_not_kept_reach_gunicorn_together(tmp_path):
    """A page the cache does not keep (a feed, a 404) must not queue its askers one behind
    another, each waiting for the one before to be answered."""
    port = free_port()
    web = Backend("127.0.0.1", port)
    try:
        with running_cache(tmp_path, port, "127.0.0.1") as (cache_port, *_):

            def ask():
                url = f"http://127.0.0.1:{cache_port}/slow/feed/"
                with urllib.request.urlopen(url, timeout=30) as response:
                    assert response.status == 200

            askers = [threading.Thread(target=ask) for _ in range(8)]
            for asker in askers:
                asker.start()
            for asker in askers:
                asker.join()
    finally:
        web.shutdown()
    assert web.seen.count("/slow/feed/") == 8
    assert web.most_busy > 1


def adm(tmp_path, *command):
    return subprocess.run(["varnishadm", "-n", str(tmp_path / "v"), *command],
                          capture_output=True, text=True).stdout  # fmt: skip


# What the image installs, and what the build leaves out ------------------------------------


def test_the_lock_file_pins_what_pyproject_asks_for_with_hashes():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    lock = (ROOT / "requirements.lock").read_text()
    pins = {canonicalize_name(name): version
            for name, version in re.findall(r"^(\S+)==(\S+) \\$", lock, re.M)}  # fmt: skip
    hashed = re.findall(r"^\S+==\S+ \\\n(?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+", lock, re.M)

    for line in project["dependencies"] + project["optional-dependencies"]["s3"]:
        wanted = Requirement(line)
        assert wanted.specifier.contains(pins[canonicalize_name(wanted.name)]), line
    assert len(hashed) == len(pins)


def dockerignore_regex(pattern):
    """A .dockerignore pattern as Docker reads it: `**` any folders, `*` and `?` within one."""
    parts, rest = [], pattern.strip("/")
    while rest:
        if rest.startswith("**/"):
            parts.append("(?:.*/)?")
            rest = rest[3:]
        elif rest.startswith("**"):
            parts.append(".*")
            rest = rest[2:]
        else:
            parts.append({"*": "[^/]*", "?": "[^/]"}.get(rest[0], re.escape(rest[0])))
            rest = rest[1:]
    return re.compile("".join(parts))


def left_out(path):
    """Whether `docker build` leaves `path` out: the last pattern matching it, or a folder
    above it, decides."""
    lines = (ROOT / ".dockerignore").read_text().splitlines()
    verdict = False
    for line in (line.strip() for line in lines):
        if not line or line.startswith("#"):
            continue
        regex = dockerignore_regex(line.removeprefix("!"))
        folders = path.split("/")
        if any(regex.fullmatch("/".join(folders[:n])) for n in range(1, len(folders) + 1)):
            verdict = not line.startswith("!")
    return verdict


@pytest.mark.parametrize(
    "path",
    [
        ".env",
        ".env.production",
        "deploy/.env",
        "align-2026-11-24.dump",
        "media-2026-11-24.tgz",
        "site.tar.gz",
        "backup.json",
        "backups/align-2026-11-24.dump",
        "docker-compose.override.yml",
        "docker-compose.override.prod.yml",
        "media/photos/hips.jpg",
        "db.sqlite3",
        ".git/config",
    ],
)
def test_the_build_leaves_secrets_backups_and_local_data_out(path):
    assert left_out(path)


def test_the_build_keeps_what_the_images_run():
    apps = [app for app in django_settings.INSTALLED_APPS if (ROOT / app).is_dir()]
    needed = [
        "manage.py",
        "bin/start-web",
        "requirements.lock",
        "varnish.vcl",
        "deploy/varnish/entrypoint",
        "templates/base.html",
        "static/css/site.css",
        *(f"{app}/__init__.py" for app in apps),
    ]

    assert {"transfer", "staffauth"} <= set(apps)
    assert [path for path in needed if left_out(path) or not (ROOT / path).exists()] == []
