"""The WordPress export (WXR) parser: sample files in WordPress's own structure, and small
documents built here for the cases a real export rarely shows."""

import contextlib
import random
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from transfer import wxr
from transfer.records import UnreadableSource

DATA = Path(__file__).parent / "data" / "wxr"
CHICAGO = ZoneInfo("America/Chicago")
SITE = "wxr:movewell-pt.example"


def read(name, timezone=CHICAGO):
    return wxr.parse((DATA / name).read_bytes(), timezone=timezone, where_prefix=f"{name}: ")


@pytest.fixture(scope="module")
def movewell():
    return read("movewell-1.2.xml")


def post(source, post_id):
    return next(p for p in source.posts if p.key.endswith(f":{post_id}"))


def notes(source):
    return [(note.where, note.text) for note in source.notes]


def export(items, channel=""):
    """A WXR 1.2 document as WordPress writes it, around the given items."""
    return f"""<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0"
	xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
	xmlns:content="http://purl.org/rss/1.0/modules/content/"
	xmlns:wfw="http://wellformedweb.org/CommentAPI/"
	xmlns:dc="http://purl.org/dc/elements/1.1/"
	xmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
	<title>Knee Notes</title>
	<link>https://knees.example</link>
	<wp:wxr_version>1.2</wp:wxr_version>
	<wp:base_site_url>https://knees.example</wp:base_site_url>
	<wp:base_blog_url>https://knees.example</wp:base_blog_url>
	<wp:author><wp:author_id>2</wp:author_id><wp:author_login><![CDATA[ana]]></wp:author_login><wp:author_email><![CDATA[ana@knees.example]]></wp:author_email><wp:author_display_name><![CDATA[Ana]]></wp:author_display_name><wp:author_first_name><![CDATA[]]></wp:author_first_name><wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>
	{channel}
	{"".join(items)}
</channel>
</rss>
""".encode()


def item(
    post_id=1,
    content="<p>Bend and straighten.</p>",
    status="publish",
    date="2024-03-12 07:30:00",
    date_gmt="2024-03-12 12:30:00",
    password="",
    comments=(),
    more="",
):
    return f"""
	<item>
		<title><![CDATA[Knee circles]]></title>
		<dc:creator><![CDATA[ana]]></dc:creator>
		<guid isPermaLink="false">https://knees.example/?p={post_id}</guid>
		<content:encoded><![CDATA[{content}]]></content:encoded>
		<excerpt:encoded><![CDATA[]]></excerpt:encoded>
		<wp:post_id>{post_id}</wp:post_id>
		<wp:post_date><![CDATA[{date}]]></wp:post_date>
		<wp:post_date_gmt><![CDATA[{date_gmt}]]></wp:post_date_gmt>
		<wp:comment_status><![CDATA[open]]></wp:comment_status>
		<wp:post_name><![CDATA[knee-circles]]></wp:post_name>
		<wp:status><![CDATA[{status}]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
		<wp:post_password><![CDATA[{password}]]></wp:post_password>
		{more}
		{"".join(comments)}
	</item>"""


def comment(
    comment_id,
    parent=0,
    approved="1",
    kind="comment",
    content="Nice.",
    date="2024-03-12 08:00:00",
    date_gmt="2024-03-12 13:00:00",
    ip="192.0.2.1",
    url="",
    user_id=0,
    email="reader@mail.example",
):
    return f"""
		<wp:comment>
			<wp:comment_id>{comment_id}</wp:comment_id>
			<wp:comment_author><![CDATA[Reader {comment_id}]]></wp:comment_author>
			<wp:comment_author_email><![CDATA[{email}]]></wp:comment_author_email>
			<wp:comment_author_url>{url}</wp:comment_author_url>
			<wp:comment_author_IP><![CDATA[{ip}]]></wp:comment_author_IP>
			<wp:comment_date><![CDATA[{date}]]></wp:comment_date>
			<wp:comment_date_gmt><![CDATA[{date_gmt}]]></wp:comment_date_gmt>
			<wp:comment_content><![CDATA[{content}]]></wp:comment_content>
			<wp:comment_approved><![CDATA[{approved}]]></wp:comment_approved>
			<wp:comment_type><![CDATA[{kind}]]></wp:comment_type>
			<wp:comment_parent>{parent}</wp:comment_parent>
			<wp:comment_user_id>{user_id}</wp:comment_user_id>
		</wp:comment>"""


def parse(document, timezone=CHICAGO):
    return wxr.parse(document, timezone=timezone)


# The sample export, item by item.


def test_only_posts_are_imported_the_rest_is_counted(movewell):
    assert [p.key for p in movewell.posts] == [f"{SITE}:{n}" for n in (101, 102, 103, 104, 105)]
    assert movewell.format == "wxr"
    assert movewell.skipped == {
        "page": 1,
        "attachment": 1,
        "nav_menu_item": 1,
        "wp_block": 1,
        "comment on a skipped item": 1,
        "pingback": 1,
        "trackback": 1,
    }


def test_attachments_are_listed_for_matching_media(movewell):
    assert movewell.attachments == {
        "https://www.movewell-pt.example/wp-content/uploads/2024/03/ninety-ninety.jpg": (
            "Ninety-ninety sit"
        )
    }


def test_the_featured_image_is_the_lead_picture(movewell):
    # The attachment item comes after the post in the file.
    assert post(movewell, 101).lead_image == (
        "https://www.movewell-pt.example/wp-content/uploads/2024/03/ninety-ninety.jpg"
    )
    assert post(movewell, 102).lead_image == ""


def test_a_featured_image_missing_from_the_file_is_reported():
    featured = (
        "<wp:postmeta><wp:meta_key>_edit_last</wp:meta_key><wp:meta_value>1</wp:meta_value>"
        "</wp:postmeta><wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key>"
        "<wp:meta_value><![CDATA[77]]></wp:meta_value></wp:postmeta>"
    )

    source = parse(export([item(5, more=featured)]))

    assert source.posts[0].lead_image == ""
    assert notes(source) == [
        (
            "item 1 (wp:post_id 5)",
            "its featured image (attachment 77) is not in the file: the post has no lead picture",
        )
    ]


def test_tags_are_kept_apart_from_categories():
    topics = (
        '<category domain="post_tag" nicename="knees"><![CDATA[knees]]></category>'
        '<category domain="category" nicename="rehab"><![CDATA[Rehab]]></category>'
        '<category domain="post_tag" nicename="knees-2"><![CDATA[Knees]]></category>'
        '<category domain="post_tag" nicename="stairs"><![CDATA[stairs]]></category>'
    )

    (knees,) = parse(export([item(more=topics)])).posts

    assert knees.categories == ["Rehab"]
    assert knees.tags == ["knees", "stairs"]


def test_block_editor_post(movewell):
    openers = post(movewell, 101)
    assert openers.title == "Three hip openers for desk days"
    assert openers.slug == "three-hip-openers"
    assert openers.status == "published"
    assert openers.published_at == datetime(2024, 3, 12, 12, 30, tzinfo=UTC)
    assert openers.author_login == "dana"
    assert openers.categories == ["Hips & Pelvis", "Mobility"]
    assert openers.tags == ["desk work"]
    assert openers.comments_open is True
    assert openers.where == "movewell-1.2.xml: item 2 (wp:post_id 101)"
    # No excerpt: no summary of the source's own (the writer makes one from the body).
    assert openers.summary == ""
    uploads = "https://www.movewell-pt.example/wp-content/uploads/2024/03"
    assert openers.images == [f"{uploads}/ninety-ninety-1024x683.jpg"]
    assert openers.body == (
        "Sitting all day leaves the hips stiff. These three openers take five minutes and "
        "need no mat.\n\n"
        "## 1. The ninety-ninety sit\n\n"
        f"![Sitting with both knees bent at ninety degrees]({uploads}/ninety-ninety-1024x683.jpg)"
        "\n\nFront knee and back knee both at ninety degrees.\n\n"
        "Sit tall, then **turn** your chest toward the front shin. "
        "Stay for *five slow breaths*.\n\n"
        "- Keep both sit bones heavy.\n"
        "- Stop if the front knee pinches.\n\n"
        "## 2. Half-kneeling hip flexor stretch\n\n"
        "Tuck the tail, squeeze the back glute, and lean forward only an inch. More in "
        "[the glute wake-up post]"
        "(https://www.movewell-pt.example/2024/02/14/glute-wake-up/).\n\n"
        "## 3. Figure-four on the chair\n\n"
        "Ankle over the opposite knee, spine long, hinge forward from the hips & breathe."
    )


def test_classic_editor_post_without_paragraph_tags(movewell):
    bones = post(movewell, 102)
    assert bones.status == "published"
    assert bones.published_at == datetime(2024, 4, 2, 14, 0, tzinfo=UTC)
    # The excerpt she wrote wins over a teaser, its markup dropped.
    assert bones.summary == "A rib warm-up for desk days: three breaths, twice."
    # Categories are topics, tags are kept apart; a post format is neither.
    assert bones.categories == ["Spine"]
    assert bones.tags == ["breathing"]
    assert bones.comments_open is False
    picture = "https://www.movewell-pt.example/wp-content/uploads/2024/04/rib-breathing.jpg"
    assert bones.images == [picture]
    assert bones.body == (
        "Your spine has twenty-four moving bones. Most of us use about six of them.\n\n"
        "Try this before lunch:  \nlie on your back, knees bent,  \n"
        "and let each breath widen your ribs.\n\n"
        f"![Hands resting on the lower ribs]({picture})\n\n"
        "Feel the ribs move under your hands.\n\n"
        "## Why it helps\n\n"
        "A stiff rib cage makes the lower back do all the turning. Give it "
        "[a few minutes a day](https://example.org/ribs) & notice the difference.\n\n"
        "- Three breaths lying down\n"
        "- Three breaths sitting"
    )


def test_draft_without_a_date_keeps_none(movewell):
    draft = post(movewell, 103)
    assert draft.status == "draft"
    # WordPress leaves a draft's date unset (0000-00-00); publishing it here later must
    # not back-date it to the day it was saved.
    assert draft.published_at is None
    assert draft.slug == ""
    assert draft.categories == []
    assert draft.body == "Notes for next month: count four breaths on each arch."
    assert draft.summary == ""
    assert (
        "movewell-1.2.xml: channel",
        ("WordPress's default category “Uncategorized” was not kept as a topic (1 post)"),
    ) in notes(movewell)


def test_future_post_is_scheduled(movewell):
    hinge = post(movewell, 104)
    assert hinge.status == "scheduled"
    assert hinge.published_at == datetime(2031, 1, 6, 13, 0, tzinfo=UTC)


def test_pending_post_becomes_a_draft_and_says_so(movewell):
    stairs = post(movewell, 105)
    assert stairs.status == "draft"
    assert stairs.published_at == datetime(2024, 5, 10, 16, 20, tzinfo=UTC)
    assert stairs.title == "Kyčle & schody"
    assert stairs.slug == "kyčle-a-schody"
    assert stairs.author_login == "frontdesk"
    assert (
        "movewell-1.2.xml: item 7 (wp:post_id 105)",
        ("its WordPress status “pending” became a draft"),
    ) in notes(movewell)


def test_comments_in_tree_order_parents_first(movewell):
    comments = post(movewell, 101).comments
    key = f"{SITE}:101:c"
    assert [(c.key, c.parent_key) for c in comments] == [
        (f"{key}201", None),
        (f"{key}202", f"{key}201"),
        (f"{key}203", f"{key}202"),  # third level, though the file lists it first
        (f"{key}204", None),
        (f"{key}205", None),
        (f"{key}206", None),
        (f"{key}209", None),
        (f"{key}210", None),
    ]


def test_comment_fields(movewell):
    comments = {c.key.rpartition(":c")[2]: c for c in post(movewell, 101).comments}
    first = comments["201"]
    assert first.author_name == "Marta Kowalczyk"
    assert first.author_email == "marta.k@mail.example"
    assert first.author_url == "https://marta-runs.example"
    assert first.ip_address == "203.0.113.7"
    assert first.created_at == datetime(2024, 3, 12, 23, 2, 9, tzinfo=UTC)
    assert first.status == "approved"
    assert first.by_author is False
    assert first.where == "movewell-1.2.xml: item 2 (wp:post_id 101), wp:comment_id 201"
    # <br /> is a line break, a link with its own words keeps both, entities are decoded.
    assert first.body == (
        "Loved this!\n"
        "Quick question: does the pigeon pose (https://example.org/pigeon) count as an "
        "opener?\n\n"
        "My hips & knees say no … see https://example.org/knees"
    )
    assert comments["204"].body == "How often should I do these?\n\nEvery hour, or once a day?"
    assert comments["204"].author_name == "Sam O'Leary"
    assert comments["202"].ip_address == "2001:db8::7"
    assert [comments[n].status for n in ("204", "205", "206", "210")] == [
        "pending",
        "spam",
        "removed",
        "removed",
    ]


def test_author_replies(movewell):
    by_user_id = {c.key: c.by_author for c in post(movewell, 101).comments}
    assert [k for k, mine in by_user_id.items() if mine] == [f"{SITE}:101:c202"]
    # Logged out, but with the email address the channel gives for the post's author.
    jonas, dana = post(movewell, 102).comments
    assert (jonas.by_author, dana.by_author) == (False, True)
    assert dana.body == "Quite common, Jonas.\nPut that hand a little lower and breathe into it."
    assert (dana.where, "written with the post author's email: an author reply") in notes(movewell)


def test_replies_to_missing_or_skipped_comments_go_to_the_top(movewell):
    where = "movewell-1.2.xml: item 2 (wp:post_id 101), wp:comment_id"
    missing = "which is not in the file or was left out: placed at the top level"
    assert (f"{where} 209", f"reply to comment 190, {missing}") in notes(movewell)
    assert (f"{where} 210", f"reply to comment 207, {missing}") in notes(movewell)


# Older versions of the format.


def test_wxr_1_0():
    source = read("backroom-1.0.xml")
    (sitting,) = source.posts
    assert sitting.key == "wxr:backroom-pt.example:7"
    # 1.0 repeats each category without a domain, and calls tags "tag".
    assert sitting.categories == ["Spine"]
    assert sitting.tags == ["posture"]
    assert sitting.summary == ""
    assert sitting.body == (
        "The best posture is the next one.\n\n"
        "Change position every half hour and your back will thank you. Here is why: discs "
        "like movement."
    )
    greta, reply = sitting.comments
    assert greta.body == "So my slouch is fine?\nAsking for a friend."
    assert reply.parent_key == greta.key
    assert reply.created_at == datetime(2010, 10, 19, 19, 0, tzinfo=UTC)
    # WXR 1.0 lists no authors, so only the writer can match her by name or email.
    assert reply.by_author is False
    assert source.skipped == {"page": 1}
    assert source.notes == []


def test_wxr_1_1():
    source = read("backroom-1.1.xml")
    (kettle,) = source.posts
    # The blog's own address, not the network's, names the site.
    assert kettle.key == "wxr:backroom-pt.example/blog:40"
    assert source.address == "http://backroom-pt.example/blog"
    assert kettle.categories == ["Hips"]
    assert kettle.tags == ["Balance"]
    assert kettle.images == [
        "http://backroom-pt.example/blog/wp-content/uploads/2013/02/kettle-300x200.jpg"
    ]
    assert [c.by_author for c in kettle.comments] == [False, True]
    assert source.attachments == {
        "http://backroom-pt.example/blog/wp-content/uploads/2013/02/kettle.jpg": "kettle"
    }


# Files that are not exports.


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.xml", "The file is empty."),
        ("binary.xml", "This is a binary file, not XML text."),
        ("truncated.xml", "The file stops in the middle (line 171, column 1: unclosed CDATA"),
        ("feed-not-wxr.xml", "This is not a WordPress export (WXR): it has no wp:wxr_version"),
        ("declared-utf8-saved-latin1.xml", "It says it is UTF-8, but line 11 is not"),
        ("declared-latin1-saved-utf8.xml", "It says it is ISO-8859-1, but its text is UTF-8"),
        ("entities.xml", "It defines XML entities"),
    ],
)
def test_unreadable_files_get_a_clear_message(name, message):
    with pytest.raises(UnreadableSource) as refusal:
        read(name)
    assert str(refusal.value).startswith(message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x1f\x8b\x08\x00", "This is a gzip archive, not an XML file"),
        (b"<html><body><p>Hello</p></body></html>", "it starts with <html>"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "it starts with <feed>"),
        (b"<rss><channel><p>unclosed</channel></rss>", "This is not well-formed XML (line 1"),
        (b'<?xml version="1.0" encoding="klingon"?><rss/>', "It declares an unknown encoding"),
        (b'<?xml version="1.0" encoding="shift_jis"?><rss/>', "Its encoding cannot be read"),
        (export([]).replace(b">1.2</wp:wxr", b">two</wp:wxr"), "This is not a WordPress export"),
    ],
)
def test_other_unreadable_input(data, message):
    with pytest.raises(UnreadableSource, match=message.replace("(", r"\(")):
        parse(data)


def test_no_cut_or_damaged_export_raises_anything_but_unreadable_source():
    data = (DATA / "movewell-1.2.xml").read_bytes()
    damaged = [data[:end] for end in range(0, len(data), 397)]
    shuffle = random.Random(10)
    for _ in range(40):
        copy = bytearray(data)
        for _ in range(5):
            copy[shuffle.randrange(len(copy))] = shuffle.randrange(256)
        damaged.append(bytes(copy))
    for document in damaged:
        with contextlib.suppress(UnreadableSource):
            parse(document)


def test_looks_like():
    assert wxr.looks_like((DATA / "movewell-1.2.xml").read_bytes())
    assert wxr.looks_like((DATA / "backroom-1.0.xml").read_bytes())
    for name in ("feed-not-wxr.xml", "empty.xml", "binary.xml"):
        assert not wxr.looks_like((DATA / name).read_bytes())


# Cases built here.


def test_keys_survive_a_move_to_https_and_away_from_www():
    first = parse(export([item(7)]))
    moved = export([item(7)]).replace(b"https://knees.example", b"http://www.Knees.example/")
    assert parse(moved).posts[0].key == first.posts[0].key == "wxr:knees.example:7"


def test_comment_loops_are_broken_at_the_top_level():
    source = parse(
        export([item(comments=[comment(1, parent=2), comment(2, parent=1), comment(3, parent=3)])])
    )
    keys = [(c.key.rpartition(":")[2], c.parent_key) for c in source.posts[0].comments]
    assert keys == [("c1", None), ("c2", "wxr:knees.example:1:c1"), ("c3", None)]
    looped = "its replies lead back to it: placed at the top level"
    assert notes(source) == [
        ("item 1 (wp:post_id 1), wp:comment_id 1", looped),
        ("item 1 (wp:post_id 1), wp:comment_id 3", looped),
    ]


def test_siblings_oldest_first_whatever_the_file_order():
    later = comment(5, date_gmt="2024-03-13 09:00:00")
    earlier = comment(9, date_gmt="2024-03-12 09:00:00")
    source = parse(export([item(comments=[later, earlier])]))
    assert [c.key[-2:] for c in source.posts[0].comments] == ["c9", "c5"]


def test_dates_only_in_local_time_are_read_in_the_given_time_zone():
    zero = "0000-00-00 00:00:00"
    chat = comment(1, date="2024-07-01 09:00:00", date_gmt=zero)
    source = parse(export([item(date="2024-07-01 08:00:00", date_gmt=zero, comments=[chat])]))
    (knees,) = source.posts
    assert knees.published_at == datetime(2024, 7, 1, 13, 0, tzinfo=UTC)
    assert knees.comments[0].created_at == datetime(2024, 7, 1, 14, 0, tzinfo=UTC)
    assert notes(source) == [
        (
            "item 1 (wp:post_id 1)",
            "no wp:post_date_gmt; wp:post_date was read as America/Chicago time",
        ),
        (
            "item 1 (wp:post_id 1), wp:comment_id 1",
            "no wp:comment_date_gmt; wp:comment_date was read as America/Chicago time",
        ),
    ]


def test_published_post_without_any_date_becomes_a_draft():
    zero = "0000-00-00 00:00:00"
    source = parse(export([item(date=zero, date_gmt=zero)]))
    assert (source.posts[0].status, source.posts[0].published_at) == ("draft", None)
    assert notes(source) == [("item 1 (wp:post_id 1)", "it has no date; imported as a draft")]


def test_password_protected_and_private_posts_stay_drafts():
    source = parse(export([item(1, password="hinge"), item(2, status="private")]))
    assert [p.status for p in source.posts] == ["draft", "draft"]
    assert notes(source) == [
        ("item 1 (wp:post_id 1)", "it was password-protected; imported as a draft"),
        ("item 2 (wp:post_id 2)", "its WordPress status “private” became a draft"),
    ]


def test_duplicate_post_ids_keep_the_first():
    source = parse(export([item(4, content="first"), item(4, content="second")]))
    assert [p.body for p in source.posts] == ["first"]
    assert source.skipped == {"post without a wp:post_id of its own": 1}
    assert notes(source) == [
        ("item 2 (wp:post_id 4)", "no wp:post_id, or one used twice: the post was left out")
    ]


def test_doubtful_commenter_details_are_left_out_and_reported():
    odd = comment(1, ip="not-an-ip", url="javascript:alert(1)", approved="maybe")
    source = parse(export([item(comments=[odd])]))
    (reader,) = source.posts[0].comments
    assert (reader.ip_address, reader.author_url, reader.status) == (None, "", "pending")
    where = "item 1 (wp:post_id 1), wp:comment_id 1"
    assert notes(source) == [
        (where, "unknown wp:comment_approved “maybe”: held as pending"),
        (where, "the commenter's website “javascript:alert(1)” was left out"),
        (where, "“not-an-ip” is not an IP address: left out"),
    ]


def test_comment_types_other_than_comments_are_skipped():
    kinds = [comment(1, kind="pingback"), comment(2, kind="note"), comment(3, kind="")]
    source = parse(export([item(comments=kinds)]))
    assert [c.key[-2:] for c in source.posts[0].comments] == ["c3"]
    assert source.skipped == {"pingback": 1, "note": 1}
    assert notes(source) == [
        ("item 1 (wp:post_id 1), wp:comment_id 2", "a “note”, not a reader's comment: left out")
    ]


def test_author_reply_by_user_id():
    mine = comment(2, parent=1, user_id=2, email="elsewhere@mail.example")
    source = parse(export([item(comments=[comment(1), mine])]))
    assert [c.by_author for c in source.posts[0].comments] == [False, True]


def test_body_markup_the_site_does_not_show_is_converted_and_reported():
    content = (
        "<h1>Warm-up</h1><p>Slow circles.</p><script>alert(1)</script>"
        '<iframe src="https://video.example/embed/knee"></iframe>'
        '<!--nextpage--><p>Page two.</p>[gallery ids="4,5"]'
        "<!-- wp:embed -->\n"
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://video.example/knee-2\n</div></figure>\n<!-- /wp:embed -->"
    )
    source = parse(export([item(content=content)]))
    assert source.posts[0].body == (
        "## Warm-up\n\nSlow circles.\n\n<https://video.example/embed/knee>\n\n"
        'Page two.\n\n[gallery ids="4,5"]\n\n<https://video.example/knee-2>'
    )
    where = "item 1 (wp:post_id 1)"
    assert notes(source) == [
        (where, "its pages (<!--nextpage-->) were joined into one"),
        (where, "the [gallery] shortcode was left in the text as it is"),
        (where, "an embedded video or page became a link to https://video.example/embed/knee"),
        (where, "an embedded video or page became a link to https://video.example/knee-2"),
        (where, "its headings moved down one level, since the title is the page's h1"),
    ]


def test_classic_markup_wordpress_adds_when_showing_a_post():
    content = (
        "Hold for five.<br />\nThen rest.\n\n"
        "<pre>knee   hip\n\nankle  toe</pre>\n\n"
        '[caption id="attachment_8" width="300" caption="Knee over the second toe"]'
        '<a href="/uploads/knee.jpg"><img src="/uploads/knee-300x200.jpg" alt="Knee" /></a>'
        "[/caption]\n\n[embed]https://video.example/squat[/embed]"
    )
    (knees,) = parse(export([item(content=content)])).posts
    assert knees.body == (
        "Hold for five.  \nThen rest.\n\n```\nknee   hip\n\nankle  toe\n```\n\n"
        "[![Knee](https://knees.example/uploads/knee-300x200.jpg)]"
        "(https://knees.example/uploads/knee.jpg)\n\nKnee over the second toe\n\n"
        "<https://video.example/squat>"
    )
    # The full-size picture the thumbnail links to is one of the post's images too.
    assert knees.images == [
        "https://knees.example/uploads/knee.jpg",
        "https://knees.example/uploads/knee-300x200.jpg",
    ]


def test_line_break_tags_followed_by_a_newline_are_one_break():
    typed = comment(1, content="Left knee clicks.<br />\nRight one too.<br>\n\nWhy?")
    (reader,) = parse(export([item(comments=[typed])])).posts[0].comments
    assert reader.body == "Left knee clicks.\nRight one too.\n\nWhy?"


def test_deeply_nested_html_is_kept_as_text():
    source = parse(export([item(content="<div>" * 3000 + "Deep knee bend")]))
    assert source.posts[0].body == "Deep knee bend"
    assert notes(source) == [
        ("item 1 (wp:post_id 1)", "its HTML is nested too deeply to convert; kept as plain text")
    ]


def test_ten_thousand_comments():
    replies = [comment(1)]
    for n in range(2, 10_001):
        # Threads of ten, each reply to the comment before it; the file lists them backwards.
        replies.append(comment(n, parent=0 if n % 10 == 1 else n - 1))
    source = parse(export([item(comments=reversed(replies))]))
    comments = source.posts[0].comments
    assert len(comments) == 10_000
    seen = set()
    for record in comments:
        assert record.parent_key is None or record.parent_key in seen
        seen.add(record.key)
    assert source.notes == []
