"""transfer/export.py: the whole site as WordPress writes its export, read back into the
same posts and threads by transfer.wxr, by import_blog into an empty site, and by anything
that reads WordPress's own layout."""

import io
from datetime import UTC, datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import Post
from tests.factories import (
    make_author,
    make_category,
    make_comment,
    make_exercise,
    make_post,
    make_step,
)
from transfer import wxr
from transfer.export import write_wxr

pytestmark = pytest.mark.django_db
DENVER = ZoneInfo("America/Denver")
WP = "{http://wordpress.org/export/1.2/}"
NAMES = {
    "http://wordpress.org/export/1.2/": "wp:",
    "http://wordpress.org/export/1.2/excerpt/": "excerpt:",
    "http://purl.org/rss/1.0/modules/content/": "content:",
    "http://purl.org/dc/elements/1.1/": "dc:",
}
# What wp-admin/includes/export.php writes, in its order.
ITEM_FIELDS = [
    "title", "link", "pubDate", "dc:creator", "guid", "description", "content:encoded",
    "excerpt:encoded", "wp:post_id", "wp:post_date", "wp:post_date_gmt", "wp:post_modified",
    "wp:post_modified_gmt", "wp:comment_status", "wp:ping_status", "wp:post_name",
    "wp:status", "wp:post_parent", "wp:menu_order", "wp:post_type", "wp:post_password",
    "wp:is_sticky",
]  # fmt: skip
COMMENT_FIELDS = [
    "wp:comment_id", "wp:comment_author", "wp:comment_author_email", "wp:comment_author_url",
    "wp:comment_author_IP", "wp:comment_date", "wp:comment_date_gmt", "wp:comment_content",
    "wp:comment_approved", "wp:comment_type", "wp:comment_parent", "wp:comment_user_id",
]  # fmt: skip
AUTHOR_FIELDS = [
    "wp:author_id", "wp:author_login", "wp:author_email", "wp:author_display_name",
    "wp:author_first_name", "wp:author_last_name",
]  # fmt: skip
CATEGORY_FIELDS = ["wp:term_id", "wp:category_nicename", "wp:category_parent", "wp:cat_name"]
TYPED = (
    "I love this <3 & the ]]> bit, a<b and <b>this</b> as typed.\n\n"
    "Second paragraph, https://example.org/a?b=1&c=2"
)


def at(minutes):
    """A moment with microseconds, which the file keeps to the second."""
    return datetime(2024, 3, 5, 14, 7, 9, 654321, tzinfo=UTC) + timedelta(minutes=minutes)


@pytest.fixture
def site(settings):
    settings.SITE_URL = "https://align.example/"
    User = get_user_model()
    maren = User.objects.create_user(
        "maren", "maren@align.example", first_name="Maren", last_name="Holt", is_staff=True
    )
    helper = User.objects.create_user("sam", "sam@align.example", is_staff=True)
    author = make_author(name="Maren Holt", slug="maren-holt", user=maren)
    # No login, a slug that is Maren's login, and a name that would end a CDATA section.
    guest = make_author(name="Guest ]]> Writer", slug="maren")
    hips = make_category(name="Hips & Knees", slug="hips-knees", description="For <hips>.")
    spine = make_category(name="Spine", slug="spine")
    post = make_post(
        author=author,
        title="Hips <and> knees",
        slug="hips-and-knees",
        summary="Short & sweet <summary>.",
        body="Soft\nline break and a [link](/blog/) ]]> here.\n\n    code\n    block",
        published_at=at(0),
        categories=[hips, spine],
        lead_image=True,
    )
    first = make_exercise(
        name="Figure four", photo=True, cautions="Not after a hip replacement.", each_side=True
    )
    make_step(post, first, note="Use a strap.")
    make_step(post, make_exercise(name="Knee hug", hold_seconds=0, repetitions=8))
    posts = {
        "published": post,
        "scheduled": make_post(
            author=guest, slug="later", published_at=timezone.now() + timedelta(days=3)
        ),
        "draft": make_post(author=author, slug="undated", status="draft", published_at=None),
        "dated draft": make_post(author=author, slug="dated", status="draft", published_at=at(9)),
        "closed": make_post(author=author, slug="closed", comments_open=False, published_at=at(5)),
    }
    c = {}

    def add(name, minutes, parent=None, **fields):
        fields.setdefault("author_name", f"Reader {name}")
        fields.setdefault("author_email", f"{name}@mail.example")
        fields.setdefault("notify", False)
        c[name] = make_comment(post, parent=parent and c[parent], created_at=at(minutes), **fields)

    add("c1", 10, ip_address="203.0.113.5", author_url="https://reader.example/blog", body=TYPED)
    add("c2", 20, "c1", author_name="Maren Holt", author_email=maren.email, user=maren)
    add("c3", 30, "c2", status="pending", ip_address="2001:db8::1")
    add("c4", 40, status="removed")
    add("c5", 50, "c4", author_name="Ann & <Bo>")
    add("c6", 60, status="spam")
    add("c7", 70, "c6")
    add("c8", 80, status="spam")
    add("c9", 90, author_name="Sam", author_email=helper.email, user=helper, body="Form\x0cfeed")
    add("c10", 100, "c9", status="spam")
    add("c11", 110, "c10")
    add("c12", 120, "c11")
    return {"posts": posts, "comments": c, "maren": maren, "helper": helper}


def export():
    out = io.BytesIO()
    write_wxr(out)
    return out.getvalue()


def parsed(data):
    return {post.slug: post for post in wxr.parse(data, timezone=DENVER).posts}


def comment_pk(record):
    return int(record.key.rpartition(":c")[2])


def name(element):
    tag = element.tag
    for uri, prefix in NAMES.items():
        tag = tag.replace(f"{{{uri}}}", prefix)
    return tag


def test_every_post_comes_back_with_its_status_date_and_topics(site):
    posts = parsed(export())

    assert set(posts) == {"hips-and-knees", "later", "undated", "dated", "closed"}
    published = posts["hips-and-knees"]
    assert published.status == "published"
    assert published.published_at == at(0).replace(microsecond=0)
    assert published.title == "Hips <and> knees"
    assert published.summary == "Short & sweet <summary>."
    assert published.categories == ["Hips & Knees", "Spine"]
    assert published.author_login == "maren"
    assert published.comments_open and not posts["closed"].comments_open
    scheduled = site["posts"]["scheduled"]
    assert posts["later"].status == "scheduled"
    assert posts["later"].published_at == scheduled.published_at.replace(microsecond=0)
    assert posts["later"].author_login == "maren-2"  # the guest's slug, not Maren's login
    assert (posts["undated"].status, posts["undated"].published_at) == ("draft", None)
    assert (posts["dated"].status, posts["dated"].published_at) == (
        "draft",
        at(9).replace(microsecond=0),
    )


def test_the_body_carries_the_lead_image_and_the_sequence(site):
    post = site["posts"]["published"]
    body = parsed(export())["hips-and-knees"].body

    assert body.startswith("![Lead picture of post")  # the lead image on top
    assert "Soft line break" in body and "]]> here" in body
    assert "[link](https://align.example/blog/)" in body  # addresses made absolute
    assert "```\ncode\nblock\n```" in body
    sequence = body[body.index("## The sequence: 2 exercises") :]
    assert sequence.index("Figure four") < sequence.index("Knee hug")
    assert "Hold 1 minute each side" in sequence and "8 times" in sequence
    assert "Use a strap." in sequence and "**Take care:** Not after a hip replacement." in sequence
    photo = post.steps.first().exercise.photo.url
    assert f"](https://align.example{photo})" in sequence


def test_one_query_per_post_whatever_its_comments(site):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            export()
        return len(captured)

    before = queries()
    for post in [make_post(), make_post()]:
        for _ in range(3):
            make_comment(post, parent=make_comment(post, notify=False), notify=False)
    assert queries() == before + 2


def test_soft_line_breaks_are_spaces_so_wordpress_adds_no_line_break(site):
    text = export().decode()
    assert "<p>Soft line break and a" in text  # WordPress would show a newline as <br>
    assert "<pre><code>code\nblock\n</code></pre>" in text


def test_threads_keep_their_shape_statuses_and_details_without_spam(site):
    c = site["comments"]
    comments = {comment_pk(r): r for r in parsed(export())["hips-and-knees"].comments}
    key = {record.key: pk for pk, record in comments.items()}

    def parent(name):
        record = comments[c[name].pk]
        return key.get(record.parent_key)

    kept = ["c1", "c2", "c3", "c4", "c5", "c7", "c9", "c11", "c12"]
    assert set(comments) == {c[name].pk for name in kept}  # no spam
    assert parent("c1") is None and parent("c4") is None and parent("c9") is None
    assert parent("c2") == c["c1"].pk and parent("c3") == c["c2"].pk
    assert parent("c5") == c["c4"].pk
    # A reply to spam hangs from the nearest comment above it that was kept.
    assert parent("c7") is None
    assert parent("c11") == c["c9"].pk and parent("c12") == c["c11"].pk
    statuses = {name: comments[c[name].pk].status for name in kept}
    assert statuses["c3"] == "pending" and statuses["c4"] == "removed"
    assert {statuses[n] for n in kept} - {"pending", "removed"} == {"approved"}
    first = comments[c["c1"].pk]
    assert first.body == TYPED
    assert (first.ip_address, first.author_url) == ("203.0.113.5", "https://reader.example/blog")
    assert (first.author_name, first.author_email) == ("Reader c1", "c1@mail.example")
    assert comments[c["c3"].pk].ip_address == "2001:db8::1"
    assert comments[c["c5"].pk].author_name == "Ann & <Bo>"
    assert comments[c["c9"].pk].body == "Formfeed"  # a character XML cannot carry
    for name in kept:
        assert comments[c[name].pk].created_at == c[name].created_at.replace(microsecond=0)
    authored = {name for name in kept if comments[c[name].pk].by_author}
    assert authored == {"c2"}  # Sam is staff but not the post's author


def test_the_layout_is_wordpresss(site):
    data = export()
    text = data.decode()
    root = ElementTree.fromstring(data)

    assert (root.tag, root.get("version")) == ("rss", "2.0")
    for prefix, uri in [
        ("excerpt", "http://wordpress.org/export/1.2/excerpt/"),
        ("content", "http://purl.org/rss/1.0/modules/content/"),
        ("wfw", "http://wellformedweb.org/CommentAPI/"),
        ("dc", "http://purl.org/dc/elements/1.1/"),
        ("wp", "http://wordpress.org/export/1.2/"),
    ]:
        assert f'xmlns:{prefix}="{uri}"' in text
    channel = root.find("channel")
    names = [name(child) for child in channel]
    assert names[:8] == [
        "title", "link", "description", "pubDate", "language",
        "wp:wxr_version", "wp:base_site_url", "wp:base_blog_url",
    ]  # fmt: skip
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert channel.findtext("link") == "https://align.example"
    assert names.index("wp:category") > names.index("wp:author")
    assert names.index("item") > names.index("wp:category")
    authors = channel.findall(f"{WP}author")
    assert [[name(field) for field in a] for a in authors] == [AUTHOR_FIELDS] * 3
    logins = {a.findtext(f"{WP}author_login"): a.findtext(f"{WP}author_id") for a in authors}
    assert set(logins) == {"maren", "maren-2", "sam"}  # Sam wrote a reply, not a post
    hips = channel.find(f"{WP}category")
    assert [name(field) for field in hips] == [*CATEGORY_FIELDS, "wp:category_description"]
    assert hips.findtext(f"{WP}cat_name") == "Hips &amp; Knees"  # WordPress stores names as HTML
    items = {item.findtext(f"{WP}post_name"): item for item in channel.iter("item")}
    assert [name(field) for field in items["undated"]] == ITEM_FIELDS
    published = items["hips-and-knees"]
    assert [name(f) for f in published][: len(ITEM_FIELDS)] == ITEM_FIELDS
    assert published.find("guid").get("isPermaLink") == "false"
    assert [(c.get("domain"), c.get("nicename")) for c in published.findall("category")] == [
        ("category", "hips-knees"),
        ("category", "spine"),
    ]
    assert {i.findtext(f"{WP}status") for i in items.values()} == {"publish", "future", "draft"}
    assert items["undated"].findtext(f"{WP}post_date_gmt") == "0000-00-00 00:00:00"
    assert items["closed"].findtext(f"{WP}comment_status") == "closed"
    comments = published.findall(f"{WP}comment")
    assert all([name(field) for field in c] == COMMENT_FIELDS for c in comments)
    by_sam = [c for c in comments if c.findtext(f"{WP}comment_author") == "Sam"]
    assert by_sam[0].findtext(f"{WP}comment_user_id") == logins["sam"]
    assert {c.findtext(f"{WP}comment_approved") for c in comments} == {"1", "0", "trash"}
    first = next(c for c in comments if c.findtext(f"{WP}comment_author") == "Reader c1")
    assert first.findtext(f"{WP}comment_date") == "2024-03-05 07:17:09"  # Denver time
    assert first.findtext(f"{WP}comment_date_gmt") == "2024-03-05 14:17:09"
    for element in ("title", "content:encoded", "excerpt:encoded", "wp:comment_content"):
        assert f"<{element}><![CDATA[" in text
    # "]]>" is split across two sections, as WordPress does.
    assert "<![CDATA[Guest ]]]]><![CDATA[> Writer]]>" in text
    assert "Guest ]]> Writer" in {a.findtext(f"{WP}author_display_name") for a in authors}


def test_round_trip_through_import_into_an_empty_site(site, tmp_path):
    c, maren = site["comments"], site["maren"]

    def posts():
        rows = Post.objects.values_list("slug", "status", "published_at", "comments_open")
        return {
            (slug, status, date and date.replace(microsecond=0), open_)
            for slug, status, date, open_ in rows
        }

    def details(comment):
        return (
            comment.author_name, comment.author_email, comment.author_url, comment.ip_address,
            comment.status, comment.created_at.replace(microsecond=0), comment.user_id,
        )  # fmt: skip

    # Replies to spam hang from the nearest kept comment; Sam's reply is no longer a staff
    # reply, since only the post's author is recognised on import.
    shape = [("c1", 0), ("c2", 1), ("c3", 2), ("c4", 0), ("c5", 1), ("c7", 0), ("c9", 0),
             ("c11", 1), ("c12", 2)]  # fmt: skip
    expected = [(level, *details(c[name])[:-1]) for name, level in shape]
    expected = [(*row, maren.pk if row[1] == "Maren Holt" else None) for row in expected]
    before = posts()
    path = tmp_path / "site.xml"
    call_command("export_wxr", "--output", path, stderr=io.StringIO())
    Post.objects.all().delete()

    call_command("import_blog", path, "--author", "maren", stdout=io.StringIO())

    assert posts() == before
    thread = Post.objects.get(slug="hips-and-knees").comments.order_by("tree_id", "lft")
    assert [(comment.level, *details(comment)) for comment in thread] == expected
    assert thread.get(author_name="Reader c1").body == TYPED
