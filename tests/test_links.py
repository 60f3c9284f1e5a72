"""Addresses from URL names (align/links.py), remembered once worked out."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.template.backends.jinja2 import Jinja2
from django.urls import NoReverseMatch, set_script_prefix, set_urlconf
from django.utils import timezone

from blog.models import Post
from tests.factories import make_post

pytestmark = pytest.mark.django_db
OPTIONS = django_settings.TEMPLATES[0]["OPTIONS"]


def test_links_follow_the_script_prefix_and_the_urlconf_they_are_written_under():
    """Templates' url() remembers each address it works out, but never across a change of
    the site's mount point (a script prefix) or of the URLconf a request uses."""
    engine = Jinja2({"NAME": "check", "DIRS": [], "APP_DIRS": False, "OPTIONS": OPTIONS})
    template = engine.from_string("{{ url('blog:exercises') }} {{ url('privacy:notice') }}")

    assert template.render({}) == "/exercises/ /privacy/"
    set_script_prefix("/align/")
    try:
        assert template.render({}) == "/align/exercises/ /align/privacy/"
    finally:
        set_script_prefix("/")
    set_urlconf("comments.privacy_urls")  # has only the notice, under no namespace
    try:
        with pytest.raises(NoReverseMatch):
            template.render({})
    finally:
        set_urlconf(None)
    assert template.render({}) == "/exercises/ /privacy/"


def test_a_post_changed_in_memory_gets_its_new_address_at_once():
    post = make_post(slug="hip-reset", published_at=timezone.now() - timedelta(days=2))
    local = timezone.localtime(post.published_at)
    first = post.get_absolute_url()

    post.slug = "hips-reset"
    renamed = post.get_absolute_url()
    post.status = Post.Status.DRAFT

    assert first == f"/blog/{local:%Y/%m/%d}/hip-reset/"
    assert renamed == f"/blog/{local:%Y/%m/%d}/hips-reset/"
    assert post.get_absolute_url() == f"/preview/{post.pk}/"
