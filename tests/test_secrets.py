"""Secrets read from files (`<NAME>_FILE`, as Docker and Swarm secrets arrive), the plain
variables still working: align/settings.py run as production reads its environment."""

import pytest
from django.core.exceptions import ImproperlyConfigured


def secret_file(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def test_the_secret_key_comes_from_its_file_without_the_trailing_newline(site_settings, tmp_path):
    made = site_settings(
        DJANGO_SECRET_KEY=None,
        DJANGO_SECRET_KEY_FILE=secret_file(tmp_path, "key", "a-long-random-secret\n"),
    )

    assert made["SECRET_KEY"] == "a-long-random-secret"


def test_the_plain_secret_key_still_works(site_settings):
    assert site_settings(DJANGO_SECRET_KEY="plain-secret")["SECRET_KEY"] == "plain-secret"


def test_the_database_password_comes_from_its_file(site_settings, tmp_path, monkeypatch):
    monkeypatch.setenv("POSTGRES_PASSWORD_FILE", secret_file(tmp_path, "pg", "p@ss:/word\n"))

    database = site_settings(DATABASE_URL="postgres://align@db:5432/align")["DATABASES"]

    assert database["default"]["USER"] == "align"
    assert database["default"]["PASSWORD"] == "p@ss:/word"


def test_the_database_url_keeps_its_own_password_without_a_file(site_settings, monkeypatch):
    monkeypatch.delenv("POSTGRES_PASSWORD_FILE", raising=False)
    # The compose file's database password, meant for the db container, is not ours to use.
    monkeypatch.setenv("POSTGRES_PASSWORD", "elsewhere")

    database = site_settings(DATABASE_URL="postgres://align:in-url@db:5432/align")["DATABASES"]

    assert database["default"]["PASSWORD"] == "in-url"


def test_smtp_and_s3_secrets_come_from_files_or_variables(site_settings, tmp_path, monkeypatch):
    monkeypatch.setenv("EMAIL_HOST", "smtp.example")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD_FILE", secret_file(tmp_path, "smtp", "smtp-pw\n"))
    monkeypatch.setenv("S3_BUCKET", "photos")
    monkeypatch.setenv("S3_SECRET_ACCESS_KEY", "s3-plain")

    made = site_settings()

    assert made["EMAIL_HOST_PASSWORD"] == "smtp-pw"
    assert made["STORAGES"]["default"]["OPTIONS"]["secret_key"] == "s3-plain"


@pytest.mark.parametrize(
    ("contents", "reason"),
    [(None, "cannot read it"), ("", "the file is empty"), ("\n", "the file is empty")],
)
def test_a_secret_file_that_gives_nothing_stops_the_start(
    site_settings, tmp_path, contents, reason
):
    path = tmp_path / "key"
    if contents is not None:
        path.write_text(contents)

    with pytest.raises(ImproperlyConfigured, match=f"DJANGO_SECRET_KEY_FILE=.*: {reason}"):
        site_settings(DJANGO_SECRET_KEY=None, DJANGO_SECRET_KEY_FILE=str(path))


def test_a_secret_given_twice_stops_the_start(site_settings, tmp_path):
    with pytest.raises(
        ImproperlyConfigured, match="Both DJANGO_SECRET_KEY and DJANGO_SECRET_KEY_FILE are set"
    ):
        site_settings(
            DJANGO_SECRET_KEY="one",
            DJANGO_SECRET_KEY_FILE=secret_file(tmp_path, "key", "two"),
        )


def test_an_empty_plain_variable_beside_its_file_is_no_conflict(site_settings, tmp_path):
    # Swarm's overlay empties the plain variable the compose file sets and names the file.
    made = site_settings(
        DJANGO_SECRET_KEY="", DJANGO_SECRET_KEY_FILE=secret_file(tmp_path, "key", "from-file")
    )

    assert made["SECRET_KEY"] == "from-file"
