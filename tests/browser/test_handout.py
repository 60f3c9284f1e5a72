"""In Chromium: printing the demo's ten-step post gives a handout of at most
four Letter pages, each step whole on one page, and none of the site around the post."""

import re
import unicodedata
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from blog.models import Post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
# What a reader sees around a post on screen and must not find on paper.
SCREEN_ONLY = {
    "skip link": ".skip-link",
    "navigation": ".site-nav",
    "header search": ".site-search",
    "sidebar": ".sidebar",
    "comment count and links": ".post__talk",
    "comments": "#comments",
    "comment form": "#comment-form",
    "previous and next posts": ".post-nav",
    "footer": ".site-footer",
}


@pytest.fixture
def reset(demo_site):
    """The demo's ten-step post, with its comments, as `make run` shows it."""
    return Post.objects.get(slug="ten-minute-hip-and-spine-reset")


def words(text):
    """PDF text as one line of plain words: ligatures ("ﬁ") and line ends undone."""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def last_words(text, count=4):
    return " ".join(text.split()[-count:])


# The post, and its practice page, which prints as the same handout.
@pytest.mark.parametrize("suffix", ["", "practice/"])
def test_printing_the_reset_gives_a_four_page_handout(live_server, page, reset, suffix):
    steps = list(reset.steps.select_related("exercise"))
    assert len(steps) == 10
    address = live_server.url + reset.get_absolute_url()
    page.goto(address + suffix)
    on_screen = words(page.locator("body").text_content())

    pdf = PdfReader(BytesIO(page.pdf(format="Letter")))
    pages = [words(sheet.extract_text()) for sheet in pdf.pages]

    assert len(pages) <= 4
    # Each step's photo (lazy on screen, loaded for print); not the decorative lead picture.
    assert sum(len(sheet.images) for sheet in pdf.pages) == len(steps)
    text = " ".join(pages)
    assert text.startswith(reset.title)
    assert "May 10, 2016" in text
    assert "It began as a handout for patients" in text
    assert f"About {reset.author.name}" in text
    # A long address may wrap anywhere: compared without the line breaks.
    assert address in re.sub(r"\s", "", text)
    for step in steps:
        exercise = step.exercise
        # A step's name, its hold and the end of its caution share one page: never split.
        [sheet] = [sheet for sheet in pages if exercise.name in sheet]
        assert step.dosage() in sheet
        assert exercise.cautions and last_words(exercise.cautions) in sheet
    comment = reset.comments.public().first()
    for absent in [
        words(comment.body)[:60],
        "Leave a Reply",
        "Ask a question",
        "Skip to content",
        "Exercise library",
        "Previous post",
        "Archive",
        "RSS feed",
    ]:
        assert absent not in text
        assert absent in on_screen or suffix  # the practice page has no comments or neighbours


def test_print_layout_shows_the_handout_and_hides_the_site(live_server, page, reset):
    page.goto(live_server.url + reset.get_absolute_url())
    page.emulate_media(media="print")

    for what, selector in SCREEN_ONLY.items():
        expect(page.locator(selector), what).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_have_text(reset.title)
    steps = page.locator(".sequence .step")
    expect(steps).to_have_count(10)
    for index in range(10):
        step = steps.nth(index)
        expect(step.locator("h3")).to_be_visible()
        expect(step.locator(".dosage")).to_be_visible()
        expect(step.locator(".caution")).to_be_visible()
        assert step.evaluate("el => getComputedStyle(el).breakInside") == "avoid"
    footer = page.locator(".handout-footer")
    expect(footer.locator(".handout-footer__address")).to_be_visible()
    qr = footer.locator("svg.qr").bounding_box()
    assert qr["width"] >= 96 and qr["width"] == qr["height"]  # at least an inch: it scans


def test_on_screen_the_post_is_as_it_was(live_server, browser, axe, reset):
    page = browser.new_page(viewport=PHONE)
    page.goto(live_server.url + reset.get_absolute_url())

    lead = page.locator(".post__lead img").element_handle()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=lead)
    expect(page.locator(".handout-footer")).to_be_hidden()
    expect(page.get_by_role("img", name="QR code of this page’s address")).to_have_count(0)
    for what in ["comments", "comment form", "footer"]:
        expect(page.locator(SCREEN_ONLY[what]), what).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []
