from io import StringIO

import pytest
from django.core.management import call_command
from django.test import override_settings

# What the demo's rows are dumped without: made again by migrate and flush, or not its own.
NOT_DEMO = ["contenttypes", "auth.permission", "admin.logentry", "sessions", "axes"]


@pytest.fixture(autouse=True)
def close_every_page(browser):
    """Closes the pages a test opened itself (browser.new_page / new_context): an open page
    keeps its connection to the live server, and with it that request thread's database
    connection, so a long run would exhaust PostgreSQL's connection limit."""
    yield
    for context in browser.contexts:
        context.close()


@pytest.fixture(scope="session")
def demo_copy(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo site made once per session, drawing its pictures (most of the time it takes)
    into a folder of their own: (that folder, its rows as a fixture file)."""
    media = tmp_path_factory.mktemp("demo-media")
    rows = tmp_path_factory.mktemp("demo-rows") / "demo.json"
    # Caches of its own: none of the renditions other tests noted as made is in `media`.
    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    caches = {
        "default": {**memory, "LOCATION": "browser-demo"},
        "local": {**memory, "LOCATION": "browser-demo-local"},
    }
    with override_settings(MEDIA_ROOT=media, CACHES=caches), django_db_blocker.unblock():
        call_command("demo_content", stdout=StringIO())
        excluded = [option for app in NOT_DEMO for option in ("-e", app)]
        call_command(
            "dumpdata", "--natural-foreign", "--natural-primary", *excluded, "-o", str(rows)
        )
    return media, rows


@pytest.fixture
def demo_site(demo_copy, settings):
    """The demo site as `make run` shows it, loaded from the session's copy: a test with
    live_server starts from an emptied database."""
    media, rows = demo_copy
    settings.MEDIA_ROOT = media
    call_command("loaddata", str(rows), stdout=StringIO())
