"""A post's summary when its source gives none: whole sentences of the body's first
paragraph, never a list run into one line."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from blog.models import Post
from blog.summaries import from_body
from tests.factories import make_author
from tests.test_wxr import export, item

pytestmark = pytest.mark.django_db

WARM_UP = (
    "<p>Jumping wakes up the feet and the calves. Warm up first:<br>\n"
    "- Walk briskly for two minutes.<br>\n- Hop 10 times on each foot.</p>\n"
    "<!--more-->\n<p>Then the main part.</p>"
)


@pytest.fixture
def therapist():
    user = get_user_model().objects.create_user("ana", is_staff=True)
    return make_author(name="Ana", slug="ana", user=user)


def imported(tmp_path, content, excerpt=""):
    document = export([item(content=content)]).replace(
        b"<excerpt:encoded><![CDATA[]]>", f"<excerpt:encoded><![CDATA[{excerpt}]]>".encode()
    )
    path = tmp_path / "export.xml"
    path.write_bytes(document)
    call_command("import_blog", str(path), "--author", "ana", stdout=io.StringIO())
    return Post.objects.get(slug="knee-circles")


def test_an_imported_post_without_an_excerpt_is_summed_up_in_whole_sentences(
    client, therapist, tmp_path
):
    post = imported(tmp_path, WARM_UP)

    assert post.summary == "Jumping wakes up the feet and the calves."
    home = client.get("/").content.decode()
    assert "<p>Jumping wakes up the feet and the calves.</p>" in home
    assert "Walk briskly" not in home


def test_a_list_after_an_opening_line_is_left_out(therapist, tmp_path):
    content = (
        "<p>Warm up first:</p><ul><li>Walk briskly.</li><li>Hop 10 times</li></ul>"
        "<p>Afterwards, stretch your calves. Hold each stretch for a minute.</p>"
    )

    post = imported(tmp_path, content)

    assert post.summary == "Afterwards, stretch your calves. Hold each stretch for a minute."


def test_an_excerpt_she_wrote_is_kept_as_written(therapist, tmp_path):
    post = imported(tmp_path, WARM_UP, excerpt="<em>Hops</em> for stiff feet - and why.")

    assert post.summary == "Hops for stiff feet - and why."


def test_a_summary_is_whole_sentences_within_its_length():
    body = "See Dr. Lee first, e.g. after a fall. Then rest for 2 days. Walk “gently.” After that"

    assert from_body(body, 500) == (
        "See Dr. Lee first, e.g. after a fall. Then rest for 2 days. Walk “gently.”"
    )
    assert from_body(body, 60) == "See Dr. Lee first, e.g. after a fall. Then rest for 2 days."


def test_what_is_not_an_opening_paragraph_is_skipped():
    body = (
        "![A woman stretching](https://example.org/a.jpg)\n\n## Why\n\n"
        "> A quoted line. From a reader.\n\n"
        "Move **often**, [and gently](https://example.org/). It adds up &amp; it helps."
    )

    assert from_body(body, 500) == "Move often, and gently. It adds up & it helps."


def test_lines_typed_as_a_list_in_their_own_paragraphs_are_left_out():
    # As a Weebly page's text comes across: each typed line its own paragraph.
    body = "Hop first:\n\n\\- Walk briskly.\n\n\\- Hop 10 times.\n\nHops wake the feet. Try it."

    assert from_body(body, 500) == "Hops wake the feet. Try it."


def test_without_a_whole_sentence_the_first_words_are_kept_cut_at_a_word():
    assert from_body("Stretches for the desk\n\nand more", 500) == "Stretches for the desk"
    assert from_body("Stretches for the desk at work", 20) == "Stretches for the…"
    assert from_body("A very long first sentence goes on. Short.", 20) == "A very long first…"
    assert from_body("", 500) == ""
