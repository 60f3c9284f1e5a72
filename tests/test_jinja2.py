"""The site's template language (align/jinja2.py): Jinja2 for the site's pages, Django's
for the admin's."""

from datetime import UTC, datetime

import pytest
from django.conf import settings as django_settings
from django.template.backends.django import DjangoTemplates
from django.template.backends.jinja2 import Jinja2
from django.template.loader import get_template

from tests.factories import make_post

pytestmark = pytest.mark.django_db
OPTIONS = django_settings.TEMPLATES[0]["OPTIONS"]


def test_site_pages_are_jinja2_and_admin_pages_django_templates():
    assert isinstance(get_template("blog/post_detail.html").backend, Jinja2)
    assert isinstance(get_template("admin/index.html").backend, DjangoTemplates)
    # The comment form's widgets render through Django's Jinja2 widget templates.
    assert isinstance(get_template("django/forms/widgets/text.html").backend, Jinja2)


@pytest.mark.parametrize("debug", [False, True])
def test_a_name_the_page_does_not_have_is_empty_as_in_django_templates(settings, debug):
    # With DEBUG on, Django's Jinja2 would print "{{ ... }}"; and Jinja2's own default
    # fails on an attribute of a missing name, where Django's language shows nothing.
    settings.DEBUG = debug
    engine = Jinja2({"NAME": "check", "DIRS": [], "APP_DIRS": False, "OPTIONS": OPTIONS})

    assert engine.from_string("[{{ missing }}|{{ missing.name }}]").render({}) == "[|]"


def test_the_search_box_is_empty_on_a_page_without_a_search(client):
    html = client.get("/").content.decode()

    assert 'name="q" value=""' in html
    assert "{{" not in html


def test_dates_are_written_in_the_site_time_zone(client):
    # 03:00 on November 9 in UTC is still the evening of November 8 in Salt Lake City.
    post = make_post(published_at=datetime(2022, 11, 9, 3, 0, tzinfo=UTC))

    html = client.get(post.get_absolute_url()).content.decode()

    assert '<time datetime="2022-11-08T20:00:00-07:00">November 8, 2022</time>' in html


def test_text_is_escaped_as_django_escapes_it(client):
    post = make_post(title="Ann's <first> question & answer")

    html = client.get(post.get_absolute_url()).content.decode()

    assert "<h1>Ann&#x27;s &lt;first&gt; question &amp; answer</h1>" in html
