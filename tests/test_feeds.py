from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from blog.models import Post
from tests.factories import make_exercise, make_post

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture
def posts():
    published = [make_post(title=f"Visible {n}") for n in range(3)]
    make_post(title="Draft", status=Post.Status.DRAFT)
    make_post(title="Scheduled", published_at=timezone.now() + timedelta(days=1))
    return {f"http://testserver{post.get_absolute_url()}" for post in published}


def test_rss_feed_lists_exactly_the_published_posts(client, posts):
    response = client.get("/feed/")

    root = ElementTree.fromstring(response.content)
    assert response["Content-Type"].startswith("application/rss+xml")
    assert {item.findtext("link") for item in root.iter("item")} == posts
    assert all(item.findtext("description").startswith("Summary") for item in root.iter("item"))


def test_atom_feed_lists_exactly_the_published_posts(client, posts):
    response = client.get("/feed/atom/")

    root = ElementTree.fromstring(response.content)
    links = {entry.find(f"{ATOM}link").get("href") for entry in root.iter(f"{ATOM}entry")}
    assert links == posts


def test_sitemap_lists_exactly_the_published_posts(client, posts):
    exercise = make_exercise()

    response = client.get("/sitemap.xml")

    root = ElementTree.fromstring(response.content)
    urls = {loc.text for loc in root.iter(f"{SITEMAP}loc")}
    assert {url for url in urls if "/blog/" in url} == posts
    assert f"http://testserver{exercise.get_absolute_url()}" in urls
