"""Dates no page can show: a source's are refused at import, with a note; one stored some
other way takes down no page but its own."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from blog.models import Post
from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = pytest.mark.django_db

YEAR_ONE = datetime(1, 1, 1, tzinfo=UTC)
YEAR_9999 = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_superuser("her", "her@example.com", "pw-long-enough")
    client = Client()
    client.force_login(user)
    return client


def fine_post():
    post = make_post(title="A post dated well", body="Shoulder rolls every morning.")
    make_comment(post, body="Shoulder rolls helped me.")
    return post


@pytest.fixture(params=[YEAR_ONE, YEAR_9999], ids=["year-1", "year-9999"])
def odd_post(request):
    """A published post and one of its comments, both stored with the date."""
    post = make_post(title="Shoulder rolls at odd times", body="Shoulder rolls, slowly.")
    comment = make_comment(post, body="Shoulder rolls are great.")
    Post.objects.filter(pk=post.pk).update(published_at=request.param)
    Comment.objects.filter(pk=comment.pk).update(created_at=request.param)
    return post


@pytest.mark.parametrize(
    "address",
    ["/", "/sitemap.xml", "/search/?q=shoulder", "/feed/", "/feed/atom/", "/exercises/"],
)
def test_reader_pages_stand(client, odd_post, address):
    fine_post()
    assert client.get(address).status_code == 200


def test_admin_post_list_stands(staff, odd_post):
    fine_post()
    assert staff.get("/admin/blog/post/").status_code == 200
    assert staff.get(f"/admin/blog/post/{odd_post.pk}/change/").status_code == 200


def test_comment_thread_of_a_good_post_with_an_odd_comment_stands(client, staff):
    post = fine_post()
    odd = make_comment(post, body="From another age.")
    Comment.objects.filter(pk=odd.pk).update(created_at=YEAR_ONE)
    page = client.get(post.get_absolute_url())
    assert page.status_code == 200 and "Shoulder rolls helped me." in page.text
    assert client.get("/search/?q=another+age").status_code == 200
    assert client.get(f"/comments/feed/{post.slug}/").status_code == 200
    assert staff.get("/admin/comments/comment/").status_code == 200
    assert staff.get(f"/admin/comments/comment/{odd.pk}/change/").status_code == 200


def test_export_wxr_writes_its_file(odd_post, tmp_path):
    fine_post()
    path = tmp_path / "site.xml"
    call_command("export_wxr", "--output", str(path), stderr=io.StringIO())
    assert "A post dated well" in path.read_text()


def export_file(tmp_path, items, name="export.xml"):
    """A WordPress export holding `items` (each an <item> element's text)."""
    path = tmp_path / name
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel><title>Old</title>'
        "<wp:wxr_version>1.2</wp:wxr_version>"
        "<wp:base_site_url>https://old.example</wp:base_site_url>"
        f"{''.join(items)}</channel></rss>"
    )
    return path


def wxr_post(number, dates, status="publish", comments=""):
    return (
        f"<item><title>Post {number}</title><content:encoded><![CDATA[<p>Lift.</p>]]>"
        f"</content:encoded><wp:post_id>{number}</wp:post_id>{dates}"
        f"<wp:post_name>post-{number}</wp:post_name><wp:status>{status}</wp:status>"
        f"<wp:post_type>post</wp:post_type>{comments}</item>"
    )


def wxr_comment(number, dates, parent=0):
    return (
        f"<wp:comment><wp:comment_id>{number}</wp:comment_id>"
        f"<wp:comment_author><![CDATA[Reader {number}]]></wp:comment_author>{dates}"
        f"<wp:comment_content><![CDATA[Question {number}.]]></wp:comment_content>"
        f"<wp:comment_approved>1</wp:comment_approved>"
        f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"
    )


def gmt(text, name="post_date"):
    return f"<wp:{name}_gmt>{text}</wp:{name}_gmt>"


def local(text, name="post_date"):
    return f"<wp:{name}>{text}</wp:{name}>"


@pytest.fixture
def author(django_user_model):
    from tests.factories import make_author

    user = django_user_model.objects.create_user("dana", "dana@example.com", is_staff=True)
    return make_author(name="Dana Reyes", slug="dana-reyes", user=user)


def import_blog(path):
    out = io.StringIO()
    call_command("import_blog", str(path), "--author", "dana", stdout=out)
    return out.getvalue()


def test_posts_dated_out_of_range_are_left_out_with_a_note(author, tmp_path):
    ahead = (timezone.now() + timedelta(days=365 * 11)).strftime("%Y-%m-%d %H:%M:%S")
    report = import_blog(
        export_file(
            tmp_path,
            [
                wxr_post(1, gmt("0001-01-01 00:00:00")),
                wxr_post(2, local("9999-12-31 23:59:59")),
                wxr_post(3, gmt("1969-12-31 23:59:59")),
                wxr_post(4, gmt(ahead)),
                wxr_post(5, gmt("2019-03-01 08:00:00")),
                wxr_post(6, gmt("0001-01-01 00:00:00"), status="draft"),
            ],
        )
    )
    assert sorted(Post.objects.values_list("title", "status", "published_at")) == [
        ("Post 5", "published", datetime(2019, 3, 1, 8, tzinfo=UTC)),
        ("Post 6", "draft", None),
    ]
    assert "its date 0001-01-01 00:00:00 is not between 1970 and ten years from now" in report
    assert "its date 9999-12-31 23:59:59 is not between 1970" in report
    assert "its date 1969-12-31 23:59:59 is not between 1970" in report
    assert "4 left out (date out of range)" in report
    assert "the draft is left undated" in report


def test_comments_dated_out_of_range_are_left_out_with_a_note(author, tmp_path):
    comments = (
        wxr_comment(1, gmt("0001-01-01 00:00:00", "comment_date"))
        + wxr_comment(2, local("9999-12-31 23:59:59", "comment_date"), parent=1)
        + wxr_comment(3, gmt("2019-03-02 10:00:00", "comment_date"))
    )
    report = import_blog(
        export_file(tmp_path, [wxr_post(7, gmt("2019-03-01 08:00:00"), comments=comments)])
    )
    assert list(Comment.objects.values_list("author_name", flat=True)) == ["Reader 3"]
    assert "2 left out (date out of range)" in report
    assert "its date 9999-12-31 23:59:59 is not between 1970" in report


def test_a_schedule_past_what_pages_show_is_no_schedule(client):
    from blog.views import next_publication

    fine_post()
    soon = make_post(published_at=timezone.now() + timedelta(days=2))
    far = make_post(title="Far ahead")
    Post.objects.filter(pk=far.pk).update(published_at=YEAR_9999)
    if connection.vendor == "postgresql":  # there a date can pass Python's last year
        Post.objects.filter(pk=far.pk).update(published_at=F("published_at") + timedelta(days=2))
    Post.objects.filter(pk=soon.pk).delete()
    assert next_publication() is None
    assert client.get("/").status_code == 200


def test_an_odd_comment_leaves_the_export_whole(tmp_path):
    post = fine_post()
    odd = make_comment(post, body="From another age.")
    Comment.objects.filter(pk=odd.pk).update(created_at=YEAR_ONE)
    path = tmp_path / "site.xml"
    call_command("export_wxr", "--output", str(path), stderr=io.StringIO())
    assert "From another age." in path.read_text()


def test_a_date_past_the_year_9999_takes_down_no_list(client, staff, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL stores a time past Python's last year")
    good = fine_post()
    far = make_post(title="Shoulder rolls from the far future", body="Shoulder rolls, later.")
    odd = make_comment(good, body="A reply from the far future.")
    later = F("published_at") + timedelta(days=2)
    Post.objects.filter(pk=far.pk).update(published_at=YEAR_9999)
    Post.objects.filter(pk=far.pk).update(published_at=later)
    Comment.objects.filter(pk=odd.pk).update(created_at=YEAR_9999)
    Comment.objects.filter(pk=odd.pk).update(created_at=F("created_at") + timedelta(days=2))

    for address in ("/", "/sitemap.xml", "/feed/", "/search/?q=shoulder", good.get_absolute_url()):
        assert client.get(address).status_code == 200, address
    listed = staff.get("/admin/blog/post/")
    assert listed.status_code == 200 and "Shoulder rolls from the far future" in listed.text
    assert staff.get(f"/admin/blog/post/{far.pk}/change/").status_code == 200
    assert staff.get(reverse("blog:preview", kwargs={"pk": far.pk})).status_code == 200
    assert staff.get("/admin/comments/comment/").status_code == 200
    assert staff.get(f"/admin/comments/comment/{odd.pk}/change/").status_code == 200
    path = tmp_path / "site.xml"
    call_command("export_wxr", "--output", str(path), stderr=io.StringIO())
    assert "A reply from the far future." in path.read_text()
