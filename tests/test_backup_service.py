"""deploy/backup/backup, the compose file's backup service, run here against the suite's
PostgreSQL server with PostgreSQL's own client tools: what it writes, keeps and restores,
and what it refuses."""

import shutil
import subprocess
import sys
import urllib.parse

import psycopg
import pytest

from tests.conftest import ROOT, require
from tests.test_deploy import deploy_database, production_env  # noqa: F401 (a fixture)

SCRIPT = ROOT / "deploy" / "backup" / "backup"


@pytest.fixture
def site(deploy_database, tmp_path):  # noqa: F811
    """A migrated site with the demo content on a database of its own, and the backup
    service's environment for it: its backups and photos in scratch folders."""
    require(shutil.which("pg_dump"), "PostgreSQL's client tools", "apt-get install -y postgresql")
    env = production_env(DATABASE_URL=deploy_database, DJANGO_MEDIA_ROOT=str(tmp_path / "media"))
    for command in (["migrate", "--noinput"], ["demo_content"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)  # fmt: skip
    url = urllib.parse.urlsplit(deploy_database)
    (tmp_path / "backups").mkdir()
    backup_env = {
        "PATH": env["PATH"],
        "PGHOST": url.hostname,
        "PGPORT": str(url.port or 5432),
        "PGUSER": url.username,
        "PGPASSWORD": url.password or "",
        "PGDATABASE": url.path.lstrip("/"),
        "BACKUPS": str(tmp_path / "backups"),
        "MEDIA": str(tmp_path / "media"),
    }
    return deploy_database, backup_env, tmp_path / "backups"


def backup(env, *args, **extra):
    return subprocess.run([str(SCRIPT), *args], env={**env, **extra}, capture_output=True,
                          text=True)  # fmt: skip


def count(database, table):
    with psycopg.connect(database) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_backups_keep_the_newest_and_restore_into_the_site(site):
    database, env, folder = site
    logs = []
    for _ in range(3):
        done = backup(env, "now", BACKUP_KEEP="2")
        assert done.returncode == 0, done.stderr
        logs.append(done.stdout)
        # Backups are named by the second they start in.
        subprocess.run(["sleep", "1"], check=True)

    dumps = sorted(folder.glob("align-*.dump"))
    assert len(dumps) == 2 and len(list(folder.glob("media-*.tgz"))) == 2
    assert f"wrote {dumps[-1]}" in logs[-1] and "removed" in logs[-1]
    stamp = dumps[-1].name.removeprefix("align-").removesuffix(".dump")
    assert backup(env, "list").stdout.splitlines()[-1].startswith(stamp)

    comments = count(database, "comments_comment")
    with psycopg.connect(database) as connection:
        connection.execute("DELETE FROM comments_comment")

    refused = backup(env, "restore-db", stamp)
    assert refused.returncode == 2
    assert "already holds" in refused.stderr and "--replace" in refused.stderr

    restored = backup(env, "restore-db", stamp, "--replace")
    assert restored.returncode == 0, restored.stderr
    assert count(database, "comments_comment") == comments


@pytest.mark.parametrize(
    ("args", "env", "message"),
    [
        (["now"], {"BACKUP_KEEP": "0"}, "BACKUP_KEEP=0: give how many backups to keep"),
        (["schedule"], {"BACKUP_AT": "25:00"}, "BACKUP_AT=25:00: give a time of day as HH:MM"),
        (["restore-db", "../../etc/passwd"], {}, "is not a backup's name"),
        (["restore-db", "20990101-000000"], {}, "no backup 20990101-000000"),
        (["media", "20990101-000000"], {}, "has no photos"),
        (["health"], {}, "the schedule has not started"),
        (["frob"], {}, "unknown command 'frob'"),
    ],
)
def test_wrong_settings_and_names_are_refused_with_a_reason(tmp_path, args, env, message):
    scratch = {"PATH": "/usr/bin:/bin", "BACKUPS": str(tmp_path), "BACKUP_STATE": str(tmp_path)}

    refused = backup(scratch, *args, **env)

    assert refused.returncode == 2
    assert message in refused.stderr
