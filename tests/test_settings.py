import ast
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT


def start(code="print('started')", **env):
    """Loads the settings in a fresh interpreter, as gunicorn would, then runs `code`."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
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


@pytest.mark.parametrize("proxies", ["caddy", "172.16.0.0/33", "10.0.0.5/8"])
def test_an_unreadable_trusted_proxy_list_stops_the_start(proxies):
    result = start(DJANGO_DEBUG="1", DJANGO_TRUSTED_PROXIES=f"10.0.0.2, {proxies}")

    assert result.returncode != 0
    assert "DJANGO_TRUSTED_PROXIES: " in result.stderr
    assert "Give a comma-separated list of addresses or networks" in result.stderr


PRODUCTION = {"DJANGO_SECRET_KEY": "a-long-random-secret", "DJANGO_ALLOWED_HOSTS": "align.example"}


def setting(name, **env):
    """One setting's value as a fresh production process sees it."""
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    result = start(**PRODUCTION, **env, code=code)
    assert result.returncode == 0, result.stderr
    return ast.literal_eval(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(
    ("env", "secure"),
    [
        ({}, True),
        # Behind a proxy that ends TLS and redirects itself: cookies still HTTPS-only.
        ({"DJANGO_SECURE_SSL_REDIRECT": "0"}, True),
        ({"DJANGO_SECURE_SSL_REDIRECT": "0", "DJANGO_SECURE_COOKIES": "0"}, False),
        ({"DJANGO_DEBUG": "1"}, False),
    ],
)
def test_cookies_are_secure_whenever_debug_is_off(env, secure):
    assert setting("SESSION_COOKIE_SECURE", **env) is secure
    assert setting("CSRF_COOKIE_SECURE", **env) is secure


def test_hsts_covers_subdomains_and_preload_only_when_asked():
    assert setting("SECURE_HSTS_SECONDS") == 31536000
    assert setting("SECURE_HSTS_INCLUDE_SUBDOMAINS") is False
    assert setting("SECURE_HSTS_PRELOAD") is False
    assert setting("SECURE_HSTS_INCLUDE_SUBDOMAINS", DJANGO_HSTS_INCLUDE_SUBDOMAINS="1") is True
    assert setting("SECURE_HSTS_PRELOAD", DJANGO_HSTS_PRELOAD="1") is True


def readme_setting(variable):
    """The README's Settings table row that names `variable`."""
    table = (ROOT / "README.md").read_text().split("## Settings", 1)[1]
    return next(line for line in table.splitlines() if f"`{variable}`" in line)


def test_the_readme_describes_the_cache_the_settings_use_without_redis():
    backend = setting('CACHES["default"]["BACKEND"]')

    assert backend == "django.core.cache.backends.filebased.FileBasedCache"
    assert "`DJANGO_CACHE_DIR`" in readme_setting("REDIS_URL")
    assert "memory" not in readme_setting("REDIS_URL")


@pytest.mark.parametrize(
    "variable", ["DJANGO_TRUSTED_PROXIES", "DJANGO_SECURE_COOKIES", "DJANGO_HSTS_PRELOAD"]
)
def test_the_readme_lists_the_security_settings(variable):
    assert readme_setting(variable)


@pytest.mark.django_db
def test_postgresql_plans_a_query_the_site_repeats_once_per_connection():
    from django.db import connection

    from blog.models import Post

    if connection.vendor != "postgresql":
        pytest.skip("runs in the suite's PostgreSQL pass (needs a PostgreSQL server)")
    for _ in range(6):
        list(Post.objects.filter(slug="a-slug-used-only-by-this-test"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]

    assert any("a-slug-used-only-by-this-test" not in s and '"blog_post"' in s for s in prepared)


def test_options_in_the_database_url_are_kept():
    code = "from django.conf import settings; print(settings.DATABASES['default']['OPTIONS'])"
    url = "postgres://align@db.example:5432/align?sslmode=verify-full&sslrootcert=/etc/ca.pem"
    started = start(code, DATABASE_URL=url, DJANGO_DEBUG="1")

    assert started.returncode == 0, started.stderr
    options = ast.literal_eval(started.stdout.strip().splitlines()[-1])
    assert options["sslmode"] == "verify-full" and options["sslrootcert"] == "/etc/ca.pem"
    assert options["server_side_binding"] is True
