"""The Weebly page-text parser: the comment tree it rebuilds, its repairs and notes, and
the keys that let a newer copy of the same page add only what is new. No database."""

import contextlib
import random
from datetime import date, datetime
from html import escape
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from blog.markdown import render as markdown
from transfer import weebly
from transfer.records import UnreadableSource

DATA = Path(__file__).parent / "data" / "weebly"
OSLO = ZoneInfo("Europe/Oslo")
MAREN = ["Maren", "Maren Holt"]
TITLE = "Hip hinge: the move behind a happy back"


def read(name, **options):
    options = {"timezone": OSLO, "author_names": MAREN, **options}
    return weebly.parse(weebly.decode((DATA / name).read_bytes()), **options)


def parse(text, **options):
    return weebly.parse(text, **{"timezone": OSLO, "author_names": MAREN, **options})


def line(where):
    return int(where.removeprefix("line "))


def tree(source):
    """Each comment as (its date's line, its author, the line of the comment it answers)."""
    comments = source.posts[0].comments
    lines = {c.key: line(c.where) for c in comments}
    return [(line(c.where), c.author_name, lines.get(c.parent_key)) for c in comments]


def notes(source):
    return {(line(note.where), note.text) for note in source.notes}


def notes_at(source, number):
    return [text for where, text in notes(source) if where == number]


def comment_at(source, number):
    return next(c for c in source.posts[0].comments if line(c.where) == number)


def page(*comments):
    """A small page: a post, a comment count, the given comment lines, Leave a Reply."""
    lines = [
        "Bridge on a step",
        "Lift your hips with your heels on a low step.",
        f"{len(comments)} Comments",
    ]
    return "\n".join([*lines, *[row for c in comments for row in c], "Leave a Reply."])


def test_the_older_copy_rebuilds_its_tree_with_every_irregularity():
    source = read("hip-hinge-may.txt")

    assert source.format == "weebly-text"
    assert tree(source) == [
        (16, "Dana Whitfield", None),
        (20, "Maren", 16),  # the next comment has no Reply line: it answers this one
        (24, "Dana Whitfield", 20),  # no Reply line: the deepest level
        (27, "Tom", None),  # line 31 repeats it and is skipped
        (35, "Maren Holt", 27),  # the therapist answers the thread above
        (38, "Anonymous", None),  # dated before the reply just above: a new thread
        (42, "Maren", 38),
        (46, "Priya", 42),
        (47, "Anonymous", None),  # its date ran into Priya's words
    ]
    assert [c.by_author for c in source.posts[0].comments] == [
        False, True, False, False, True, False, True, False, False,
    ]  # fmt: skip
    assert source.skipped == {"duplicate comment": 1}
    assert notes_at(source, 24) == ["'dana whitfield' read as 'Dana Whitfield', the same name"]
    assert notes_at(source, 31) == [
        "Tom's comment of 5/4/2016 06:03 am (line 31) repeats line 27: skipped"
    ]
    assert "no name line: 'Anonymous'" in notes_at(source, 38)
    assert set(notes_at(source, 47)) == {
        "a comment's words and a date ran together on this line: split",
        "no name line: 'Anonymous'",
        "Anonymous's comment of 5/7/2016 08:20 am (line 47) placed as a new thread: "
        "not the therapist, and not yet in the thread above",
    }
    assert comment_at(source, 46).body == "Thanks, this is what I needed for my mother."
    assert comment_at(source, 47).body == "Does the stick go under my ponytail or over it?"


def test_certain_placements_have_no_note_and_guesses_say_why():
    source = read("hip-hinge-may.txt")

    for certain in (16, 20, 24, 38, 42, 46):
        assert not [text for text in notes_at(source, certain) if "placed" in text], certain
    assert notes_at(source, 27) == [
        "Tom's comment of 5/4/2016 06:02 am (line 27) placed as a new thread: "
        "not the therapist, and not yet in the thread above"
    ]
    assert notes_at(source, 35) == [
        "Maren Holt's comment of 5/9/2016 09:15 am (line 35) placed as a reply to Tom's "
        "comment of 5/4/2016 06:02 am (line 27): the therapist answers the thread above"
    ]


def test_the_newer_copy_places_follow_ups_and_out_of_order_comments():
    source = read("hip-hinge-june.txt", title=TITLE)

    assert tree(source) == [
        (15, "Dana Whitfield", None),
        (19, "Maren", 15),
        (24, "Dana Whitfield", 19),
        (28, "Tom", None),
        (36, "Maren Holt", 28),
        (41, "Tom", 28),  # a follow-up: Tom already wrote in this thread
        (44, "Anonymous", None),  # dated before Tom's follow-up, so not in his thread
        (48, "Maren", 44),
        (53, "Priya", 48),
        (57, "Maren", 48),  # deepest: a second reply to Maren's, after Priya's
        (60, "Sofia", None),
        (64, "Maren", 60),
        (68, "Lena", None),
        (72, "Maren", 68),
        (76, "Lena", 72),
        (79, "Lena", None),  # dated before the reply just above: a new thread
        (83, "Maren", 79),
        (87, "Ben", None),
        (91, "Maren", 87),
        (95, "Ben", 91),
        (98, "Omar", None),  # no Reply line, but dated before Ben's reply: a new thread
    ]
    assert "Tom already wrote in this thread" in notes_at(source, 41)[0]
    assert notes_at(source, 79)[0].endswith("it is dated before the reply just above it")
    assert notes_at(source, 98) == [
        "Omar's comment of 5/16/2016 03:00 pm (line 98) placed as a new thread: no Reply "
        "line, yet no deepest place fits it, so the copy lost it; it is dated before the "
        "reply just above it"
    ]
    assert notes_at(source, 57) == ["'MAREN' read as 'Maren', the same name"]
    assert comment_at(source, 64).author_name == "Maren"
    assert comment_at(source, 64).by_author
    assert notes_at(source, 12) == ["the page counts 23 comments; 22 read"]


def test_a_newer_copy_keeps_every_key_and_adds_only_what_is_new():
    older = read("hip-hinge-may.txt").posts[0]
    newer = read("hip-hinge-june.txt", title=TITLE).posts[0]

    assert older.key == newer.key
    assert older.title == newer.title == TITLE
    old, new = ({c.key: c for c in post.comments} for post in (older, newer))
    assert set(old) < set(new)
    assert len(set(new) - set(old)) == 12
    for key, comment in old.items():
        assert new[key].parent_key == comment.parent_key
        assert new[key].created_at == comment.created_at
    # The older copy cut some comments short and lost a name; the keys did not depend on them.
    maren = "2016-05-03 12:30:05"
    assert old[f"{older.key}/{maren}"].body.count("\n") == 0
    assert new[f"{newer.key}/{maren}"].body.endswith("keep all three points touching.")
    sofia = f"{older.key}/2016-05-07 08:20:00"
    assert (old[sofia].author_name, new[sofia].author_name) == ("Anonymous", "Sofia")
    assert read("hip-hinge-may.txt").posts[0] == older  # the same copy: the same records


def test_dates_are_local_and_the_post_is_dated_before_its_first_comment():
    source = read("hip-hinge-may.txt")
    post = source.posts[0]

    assert comment_at(source, 16).created_at == datetime(2016, 5, 3, 8, 12, 40, tzinfo=OSLO)
    assert comment_at(source, 24).created_at == datetime(2016, 5, 3, 19, 45, 10, tzinfo=OSLO)
    assert comment_at(source, 16).created_at.utcoffset().total_seconds() == 2 * 3600
    assert (post.status, post.published_at) == (
        "published",
        datetime(2016, 5, 3, 8, 11, 40, tzinfo=OSLO),
    )
    assert "dated 5/3/2016 08:11 am, a minute before its first comment" in notes_at(source, 1)

    given = read("hip-hinge-may.txt", published=date(2016, 5, 2)).posts[0]
    assert given.published_at == datetime(2016, 5, 2, 12, tzinfo=OSLO)
    same_day = read("hip-hinge-may.txt", published=date(2016, 5, 3)).posts[0]
    assert same_day.published_at == post.published_at


def test_the_title_comes_from_the_option_or_the_first_line_as_a_noted_guess():
    older = read("hip-hinge-may.txt")
    assert older.posts[0].title == TITLE
    assert older.posts[0].where == "line 2"
    assert f"title taken from the first line: {TITLE!r} (--title sets it)" in notes_at(older, 1)

    untitled = read("hip-hinge-june.txt")
    assert untitled.posts[0].title == "When you bend to lift a laundry basket, where does the…"
    assert any(text.startswith("no title:") for text in notes_at(untitled, 1))

    given = read("hip-hinge-may.txt", title=TITLE.upper())
    assert given.posts[0].title == TITLE.upper()
    assert not given.posts[0].body.startswith("Hip hinge")  # the copied title line left out


def test_the_post_body_shows_exactly_as_typed():
    body = read("hip-hinge-may.txt").posts[0].body
    html = markdown(body)

    assert body.startswith("When you bend to lift a laundry basket")
    assert "<ol>" not in html and "<ul>" not in html and "<h1>" not in html
    assert "<p>1. Hold a broomstick along your spine" in html
    assert "<p># of sets: two rounds of ten" in html
    assert "<p>- Keep breathing, and keep the *stick* on all three points.</p>" in html
    assert html.count("<p>") == 7

    typed = ["> quoted", "=====", ": a definition", "~~~", "<b>bold</b> &amp; [a](link) `x`"]
    post = parse("\n".join(["T", *typed, "0 Comments"]), title="T").posts[0]
    assert markdown(post.body) == "\n".join(f"<p>{escape(text, quote=False)}</p>" for text in typed)


def test_the_sidebar_and_the_form_are_not_comments():
    source = read("hip-hinge-may.txt")
    everything = " ".join(c.body + c.author_name for c in source.posts[0].comments)

    for sidebar in ("Archives", "AuthorMaren", "Physical therapist", "Name (required)", "Hips"):
        assert sidebar not in everything
    assert not [note for note in source.notes if "left out" in note.text]


def test_a_copy_without_its_count_and_its_reply_lines_is_read_and_noted():
    source = read("cut-short.txt")

    assert tree(source) == [(5, "Jonas", None), (8, "Maren", 5)]
    assert comment_at(source, 8).body.endswith("closer every week.")
    assert notes_at(source, 4) == ["no 'N Comments' line: the comments are taken to start here"]
    assert notes_at(source, 10) == ["no 'Leave a Reply.' line: the sidebar is taken to start here"]
    assert "so the copy lost it; it is the first comment" in notes_at(source, 5)[0]
    assert notes_at(source, 8)[0].endswith("the therapist answers the thread above")


def test_a_post_without_comments_is_a_draft_unless_dated():
    source = read("no-comments.txt")
    post = source.posts[0]
    assert (post.title, post.status, post.published_at, post.comments) == (
        "Cat and cow, slowly",
        "draft",
        None,
        [],
    )
    assert "no date and no comments: imported as a draft (--published dates it)" in notes_at(
        source, 1
    )

    dated = read("no-comments.txt", published=date(2022, 11, 5)).posts[0]
    assert (dated.status, dated.published_at) == (
        "published",
        datetime(2022, 11, 5, 12, tzinfo=OSLO),
    )


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "The file is empty."),
        ("binary.bin", "The file holds binary data, not the text of a page."),
        ("cp1252.txt", "The file is not UTF-8 text (line 7, byte 0xE9)"),
        ("not-a-blog.txt", "This is not the text of a Weebly post page"),
    ],
)
def test_a_bad_file_gets_a_clear_message(name, message):
    with pytest.raises(UnreadableSource) as error:
        read(name)
    assert str(error.value).startswith(message)


def test_utf16_and_a_utf8_byte_order_mark_are_read():
    source = read("utf16.txt")
    assert source.posts[0].title == "Side plank on the knees"
    assert source.posts[0].comments[0].author_name == "José Müller"

    text = (DATA / "no-comments.txt").read_text()
    assert weebly.decode(b"\xef\xbb\xbf" + text.encode()) == text
    assert (
        parse(weebly.decode(b"\xef\xbb\xbf" + text.encode())).posts[0].title
        == "Cat and cow, slowly"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("  \n\n \u200b\n", "The file is empty."),
        ("Title\n3 Comments\x07\n", "The file holds binary data (line 2), not page text."),
        ("3 Comments\nDana\n5/3/2016 08:12:40 am\nHi\nReply\n", "There is no post text"),
    ],
)
def test_text_that_is_no_page_gets_a_clear_message(text, message):
    with pytest.raises(UnreadableSource) as error:
        parse(text)
    assert str(error.value).startswith(message)


def test_no_input_gives_a_traceback():
    """Every cut of a real copy, and random text made of its lines and bytes, either
    parses or gets an UnreadableSource."""
    lines = (DATA / "hip-hinge-june.txt").read_text().splitlines()
    shuffle = random.Random(10)
    texts = ["\n".join(lines[:end]) for end in range(len(lines))]
    texts += ["\n".join(lines[start:]) for start in range(len(lines))]
    texts += ["\n".join(shuffle.sample(lines, len(lines))) for _ in range(50)]
    texts += ["9" * 5000 + " Comments\nx", "Reply\n" * 50, "1/1/1 1:00:00 am\n0 Comments"]
    texts += ["Post\n0 Comments\n12/31/9999 11:59:59 pm\nHi", "x\n1/1/1990 12:00:00 am\nReply"]
    blobs = [bytes(shuffle.randrange(256) for _ in range(200)) for _ in range(50)]
    for blob in blobs:
        with contextlib.suppress(UnreadableSource):
            texts.append(weebly.decode(blob))
    for text, title in [(text, title) for text in texts for title in ("", "T")]:
        try:
            source = parse(text, title=title)
        except UnreadableSource as error:
            assert str(error)
        else:
            keys = [c.key for c in source.posts[0].comments]
            assert len(keys) == len(set(keys))


def test_same_second_comments_get_numbered_keys_and_empty_ones_are_skipped():
    source = parse(
        page(
            ["Dana", "5/3/2016 08:12:40 am", "First!", "Reply"],
            ["Tom", "5/3/2016 08:12:40 am", "Second, same second.", "Reply"],
            ["Ben", "5/3/2016 09:00:00 am", "Reply"],
        ),
        where_prefix="bridge.txt, ",
    )
    keys = [c.key for c in source.posts[0].comments]

    assert keys[1] == keys[0] + "#2"
    assert [c.author_name for c in source.posts[0].comments] == ["Dana", "Tom"]
    assert source.skipped == {"empty comment": 1}
    assert all(note.where.startswith("bridge.txt, line ") for note in source.notes)
    assert source.posts[0].comments[0].where == "bridge.txt, line 5"


def test_a_count_shown_above_the_post_and_a_bad_date_are_noted():
    text = "\n".join(
        [
            "2 Comments",
            "Lift your hips with your heels on a low step.",
            "1 Comment",
            "Dana",
            "5/3/2016 08:12:40 am",
            "My watch said 13/45/2016 08:12:40 am when I finished.",
            "Reply",
            "Leave a Reply.",
        ]
    )
    source = parse(text, title="Bridge")

    assert source.posts[0].body == "Lift your hips with your heels on a low step."
    assert "'2 Comments' above the post: left out" in notes_at(source, 1)
    assert notes_at(source, 6) == [
        "'13/45/2016 08:12:40 am' looks like a date but is none: read as text"
    ]
    assert source.posts[0].comments[0].body == text.splitlines()[5]


def test_a_line_before_a_date_is_a_name_only_when_it_can_be_one():
    source = parse(
        page(
            ["Dana", "5/3/2016 08:12:40 am", "Does this help a stiff hip?", "Reply"],
            ["Maren", "5/3/2016 09:00:00 am", "Yes, try it daily.", "Reply"],
            ["Dana", "5/3/2016 10:00:00 am", "Brilliant"],
            ["5/4/2016 08:00:00 am", "And for a stiff shoulder?", "Reply"],
            ["Maren", "5/4/2016 09:00:00 am", "Not this one: see the wall slides.", "Reply"],
            ["Sam", "5/4/2016 10:00:00 am", "Will try it tonight.", "Thanks again Maren"],
            ["5/5/2016 08:00:00 am", "Can kids do it?", "Reply"],
        )
    )
    comments = source.posts[0].comments

    assert tree(source) == [
        (5, "Dana", None),
        (9, "Maren", 5),
        (13, "Dana", 9),
        (15, "Anonymous", None),
        (19, "Maren", 15),
        (23, "Sam", 19),
        (26, "Anonymous", None),
    ]
    assert comments[2].body == "Brilliant"  # its only line, so not the next one's name
    assert comments[5].body == "Will try it tonight.\nThanks again Maren"  # not a name's case


def test_the_same_words_again_later_are_a_new_comment_not_a_duplicate():
    source = parse(
        page(
            ["Dana", "5/3/2016 08:00:00 am", "Thank you!", "Reply"],
            ["Dana", "5/3/2016 08:01:59 am", "thank  you!", "Reply"],
            ["Dana", "5/3/2016 08:05:00 am", "Thank you!", "Reply"],
            ["Dana", "5/4/2016 08:00:00 am", "Thank you!", "Reply"],
        )
    )

    assert [line for line, *_ in tree(source)] == [5, 13, 17]
    assert source.skipped == {"duplicate comment": 1}
