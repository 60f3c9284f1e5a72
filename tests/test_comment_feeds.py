from xml.etree import ElementTree

import pytest

from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db


def test_a_post_has_a_feed_of_its_approved_comments(client):
    post = make_post(title="Hip reset")
    shown = make_comment(post, author_name="Ana", body="Lovely <b>sequence</b>")
    make_comment(post, body="Waiting", status=Comment.Status.PENDING)
    make_comment(make_post(), body="Elsewhere")

    response = client.get(f"/comments/feed/{post.slug}/")

    root = ElementTree.fromstring(response.content)
    items = list(root.iter("item"))
    assert [item.findtext("title") for item in items] == ["Ana on “Hip reset”"]
    assert items[0].findtext("description") == "<p>Lovely &lt;b&gt;sequence&lt;/b&gt;</p>"
    assert items[0].findtext("link") == f"http://testserver{shown.get_absolute_url()}"


def test_the_post_page_announces_its_comment_feed(client):
    post = make_post()

    html = client.get(post.get_absolute_url()).content.decode()

    assert 'type="application/rss+xml" title="Comments on' in html
    assert f'href="/comments/feed/{post.slug}/"' in html


def test_no_feed_for_a_draft(client):
    post = make_post(status="draft")

    assert client.get(f"/comments/feed/{post.slug}/").status_code == 404
