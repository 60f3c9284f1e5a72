"""import_blog URL on a Weebly blog with what breaks a careless reader: a cut-off photo, a
photo that says where it was taken, links and pictures whose addresses are malformed or
missing, comment dates no one can read or no page can show. Every post comes in, the
report says what was left out, and no camera metadata is kept."""

import io
from datetime import date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from PIL import Image

from blog.models import Post
from tests.factories import make_author
from tests.test_images import phone_photo
from tests.weebly_site_fixture import Comment, image_block, paragraph, picture, serve, write_site
from tests.weebly_site_fixture import Post as Page

pytestmark = pytest.mark.django_db
ODD = (
    '<div class="paragraph"><img alt="Nothing to show"> <a href="http://[oops/">A link gone '
    'wrong</a> and <img src="http://[oops/knee.jpg" alt="A knee"> still readable.</div>'
)


@pytest.fixture
def wren():
    user = get_user_model().objects.create_user("wren", is_staff=True)
    return make_author(name="Wren Alder", user=user)


def troubled_site(root):
    cut = root / picture(root, "cut-off.jpg", 1, size=(320, 240)).lstrip("/")
    cut.write_bytes(cut.read_bytes()[:-400])  # a download that stopped short
    (cut.parent / "park.jpg").write_bytes(phone_photo("JPEG"))
    write_site(
        root,
        [
            Page(
                1,
                "a-cut-off-photo",
                "A cut-off photo",
                date(2013, 3, 4),
                image_block("/uploads/7/3/1/cut-off.jpg", "Half a knee") + paragraph("Bend."),
            ),
            Page(
                2,
                "stretching-in-the-park",
                "Stretching in the park",
                date(2013, 3, 11),
                image_block("/uploads/7/3/1/park.jpg", "On the grass") + paragraph("Lie down."),
            ),
            Page(
                3,
                "odd-links",
                "Odd links",
                date(2013, 3, 18),
                ODD,
                comments=[
                    Comment(8001, 0, "Odile", datetime(2013, 3, 19, 9), "Undated, and first."),
                    Comment(8002, 0, "Priya Venn", datetime(1, 1, 1), "From the year one."),
                    Comment(8003, 0, "Harlan Roo", datetime(2013, 3, 20, 9), "Thanks."),
                ],
            ),
        ],
    )
    page = root / "blog" / "odd-links.html"
    page.write_text(
        page.read_text()
        .replace("3/19/2013 09:00:00 am", "some day in spring")
        .replace("1/1/1 12:00:00 am", "1/1/0001 12:00:00 am")  # Weebly's placeholder
    )
    index = root / "blog" / "index.html"
    index.write_text(
        index.read_text().replace(
            '<div class="blog-archive-list">',
            '<div class="blog-archive-list"><a href="http://[oops/">A month gone wrong</a>',
        )
    )


def test_a_blog_with_troubles_comes_in_whole_and_says_what_it_left_out(wren, tmp_path):
    troubled_site(tmp_path / "site")
    out = io.StringIO()

    with serve(tmp_path / "site") as blog:
        call_command(
            "import_blog",
            f"{blog.url}/blog",
            *("--author", "wren", "--delay", "0", "--cache", tmp_path / "cache"),
            stdout=out,
        )

    report = out.getvalue().splitlines()
    posts = {post.title: post for post in Post.objects.all()}
    assert set(posts) == {"A cut-off photo", "Stretching in the park", "Odd links"}
    # The cut-off photo is left out, said so, and the post has no lead picture.
    assert not posts["A cut-off photo"].lead_image
    assert any(line.endswith("not a picture we can read, left out: cut-off.jpg") for line in report)
    # The phone photo is stored upright, without where it was taken.
    park = posts["Stretching in the park"].lead_image
    with park.open() as stored, Image.open(stored) as photo:
        assert not photo.getexif() and "exif" not in photo.info and "xmp" not in photo.info
        assert photo.size == (800, 1200)
    # Malformed and missing addresses are no pictures and no links; the words stay.
    odd = posts["Odd links"]
    assert not odd.lead_image and "[oops" not in odd.body
    assert "A link gone wrong and still readable." in " ".join(odd.body.split())
    assert not [line for line in report if "odd-links" in line and "picture" in line]
    # Comment dates: one no one can read, one no page can show; both kept, dated and said.
    comments = list(odd.comments.order_by("tree_id"))
    assert [c.body for c in comments] == ["Undated, and first.", "From the year one.", "Thanks."]
    assert comments[1].created_at == comments[0].created_at
    notes = {line.split("(comment ")[-1] for line in report if "odd-links (comment" in line}
    assert notes == {
        "1): its date cannot be read: dated with its post",
        "2): “1/1/0001 12:00:00 am” is a date no page can show: read as no date",
        "2): its date cannot be read: dated as the one above",
    }
