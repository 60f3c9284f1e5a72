"""align/settings.py as production reads its environment, run in this process
(conftest's site_settings)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from tests.conftest import ROOT


@pytest.mark.parametrize(
    "env",
    [
        {"DJANGO_SECRET_KEY": None, "DJANGO_ALLOWED_HOSTS": None},
        {"DJANGO_SECRET_KEY": "a-long-random-secret", "DJANGO_ALLOWED_HOSTS": None},
        {"DJANGO_SECRET_KEY": None, "DJANGO_ALLOWED_HOSTS": "align.example"},
    ],
)
def test_production_refuses_to_start_without_secret_key_and_hosts(site_settings, env):
    with pytest.raises(
        ImproperlyConfigured, match="set DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS"
    ):
        site_settings(**env)


def test_production_starts_with_them(site_settings):
    made = site_settings(
        DJANGO_SECRET_KEY="a-long-random-secret",
        DJANGO_ALLOWED_HOSTS="align.example, www.align.example",
    )

    assert made["DEBUG"] is False
    assert made["SECRET_KEY"] == "a-long-random-secret"
    # And the name the stack's health checks ask as.
    assert made["ALLOWED_HOSTS"] == ["align.example", "www.align.example", "localhost"]


def test_a_sender_address_left_empty_is_the_sites_own(site_settings):
    # As the compose file passes it when .env leaves it unset: the mailer refuses "".
    made = site_settings(DJANGO_DEBUG="1", DEFAULT_FROM_EMAIL="")

    assert made["DEFAULT_FROM_EMAIL"] == "ALIGN <no-reply@localhost>"


@pytest.mark.parametrize("proxies", ["caddy", "172.16.0.0/33", "10.0.0.5/8"])
def test_an_unreadable_trusted_proxy_list_stops_the_start(site_settings, proxies):
    with pytest.raises(ImproperlyConfigured) as refused:
        site_settings(DJANGO_TRUSTED_PROXIES=f"10.0.0.2, {proxies}")

    assert str(refused.value).startswith("DJANGO_TRUSTED_PROXIES: ")
    assert "Give a comma-separated list of addresses or networks" in str(refused.value)


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
def test_cookies_are_secure_whenever_debug_is_off(site_settings, env, secure):
    made = site_settings(**env)

    assert made["SESSION_COOKIE_SECURE"] is secure
    assert made["CSRF_COOKIE_SECURE"] is secure


def test_hsts_covers_subdomains_and_preload_only_when_asked(site_settings):
    made = site_settings()
    assert made["SECURE_HSTS_SECONDS"] == 31536000
    assert made["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert made["SECURE_HSTS_PRELOAD"] is False
    assert (
        site_settings(DJANGO_HSTS_INCLUDE_SUBDOMAINS="1")["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    )
    assert site_settings(DJANGO_HSTS_PRELOAD="1")["SECURE_HSTS_PRELOAD"] is True


def readme_setting(variable):
    """The README's Settings table row that names `variable`."""
    table = (ROOT / "README.md").read_text().split("## Settings", 1)[1]
    return next(line for line in table.splitlines() if f"`{variable}`" in line)


def test_the_readme_describes_the_cache_the_settings_use_without_redis(site_settings):
    backend = site_settings()["CACHES"]["default"]["BACKEND"]

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


def test_options_in_the_database_url_are_kept(site_settings):
    url = "postgres://align@db.example:5432/align?sslmode=verify-full&sslrootcert=/etc/ca.pem"

    options = site_settings(DATABASE_URL=url)["DATABASES"]["default"]["OPTIONS"]

    assert options["sslmode"] == "verify-full" and options["sslrootcert"] == "/etc/ca.pem"
    assert options["server_side_binding"] is True
