import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def start(**env):
    """Loads the settings in a fresh interpreter, as gunicorn would."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "align.settings", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"DJANGO_SECRET_KEY": "a-long-random-secret"},
        {"DJANGO_ALLOWED_HOSTS": "align.example"},
    ],
)
def test_production_refuses_to_start_without_secret_key_and_hosts(env):
    result = start(**env)

    assert result.returncode != 0
    assert "set DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_them():
    result = start(DJANGO_SECRET_KEY="a-long-random-secret", DJANGO_ALLOWED_HOSTS="align.example")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "started"
