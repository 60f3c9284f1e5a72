"""As a reader meets them: the comment count by the title on a
phone, the sidebar archive with ninety months, and the dark colour scheme."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.factories import make_category, make_comment, make_exercise, make_post, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DENVER = ZoneInfo("America/Denver")
PHONE = {"width": 390, "height": 844}
NINETY_MONTHS = [(2012 + i * 130 // 89 // 12, 1 + i * 130 // 89 % 12) for i in range(90)]


@pytest.fixture
def long_post():
    """A post with sixty comments in twenty threads, one answered by the therapist."""
    series = make_category(name="Feel Good Series")
    post = make_post(
        title="Ten-minute hip reset",
        published_at=datetime(2016, 5, 10, 7, 30, tzinfo=DENVER),
        categories=[series],
        lead_image=True,
        body="Lie down and let the floor hold you.\n\nTime it with `3 breaths` per side.",
    )
    make_step(post, make_exercise(name="Supported bridge", photo=True))
    therapist = User.objects.create_user("maren", is_staff=True)
    for n in range(20):
        question = make_comment(post, body=f"Question {n}: where should I feel it? " * 4)
        answer = make_comment(
            post, parent=question, user=therapist, author_name="Maren", body="In the hip. " * 8
        )
        make_comment(post, parent=answer, body="Thank you, that helped. " * 3)
    return post


def test_on_a_phone_the_count_leads_to_the_thread_and_ask_leads_to_the_form(
    live_server, browser, long_post
):
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + "/")
    listed = page.get_by_role("link", name="60 comments on “Ten-minute hip reset”")
    expect(listed).to_be_visible()
    listed.click()
    expect(page).to_have_url(re.compile(r"#comments$"))
    expect(page.locator("#comments h2")).to_be_in_viewport()

    page.goto(live_server.url + long_post.get_absolute_url())
    count = page.get_by_role("link", name="60 comments", exact=True)
    expect(count).to_be_in_viewport()
    assert page.locator("#comments").bounding_box()["y"] > PHONE["height"]
    count.click()

    expect(page).to_have_url(re.compile(r"#comments$"))
    expect(page.locator("#comments h2")).to_be_in_viewport()

    page.goto(live_server.url + long_post.get_absolute_url())
    page.get_by_role("link", name="Ask a question").click()

    expect(page).to_have_url(re.compile(r"#respond$"))
    expect(page.get_by_label("Comment", exact=True)).to_be_in_viewport()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.fixture
def ninety_months():
    for year, month in NINETY_MONTHS:
        make_post(
            title=f"Posted {year}-{month:02d}", published_at=datetime(year, month, 3, tzinfo=DENVER)
        )


def in_year(year):
    return sum(1 for y, _ in NINETY_MONTHS if y == year)


def archive(page):
    return page.get_by_role("complementary").get_by_role("region", name="Archive")


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "wide"])
def test_ninety_archive_months_are_grouped_by_year_and_none_is_cut_off(
    live_server, browser, ninety_months, viewport
):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(live_server.url + "/")
    years = archive(page).locator("details")
    expect(years.locator("summary")).to_have_count(11)
    expect(years.first.locator("summary")).to_have_text(f"2022 ({in_year(2022)} posts)")
    expect(archive(page).locator("details[open]")).to_have_count(1)
    expect(archive(page).get_by_role("link")).to_have_count(in_year(2022))

    for n in range(1, 11):
        years.nth(n).locator("summary").click()
    expect(archive(page).get_by_role("link")).to_have_count(90)
    last = archive(page).get_by_role("link", name="January 2012")
    last.scroll_into_view_if_needed()

    expect(last).to_be_in_viewport(ratio=1)
    # Nothing in the sidebar scrolls on its own: no box clips a month.
    clipped = page.evaluate(
        """() => [...document.querySelectorAll('.sidebar, .sidebar :not(.visually-hidden)')].filter(
             e => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible'
           ).map(e => e.className)"""
    )
    assert clipped == []
    assert last.evaluate(
        """a => { const r = a.getBoundingClientRect();
                  const middle = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                  return a.contains(middle); }"""
    )
    last.click()

    expect(page).to_have_url(re.compile(r"/blog/2012/01/$"))
    expect(archive(page).locator("details[open] summary")).to_have_text(
        f"2012 ({in_year(2012)} posts)"
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_reader_pages_pass_axe_in_both_colour_schemes(
    live_server, browser, axe, long_post, settings, scheme
):
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    settings.COMMENTS_FLOOD_SECONDS = 0
    page = browser.new_context(viewport=PHONE, color_scheme=scheme).new_page()
    month = f"/blog/{long_post.published_at.astimezone(DENVER):%Y/%m}/"
    pages = ["/", long_post.get_absolute_url(), month]
    for url in pages:
        page.goto(live_server.url + url)
        assert axe(page) == [], (scheme, url)
    background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    darkness = sum(map(int, re.findall(r"\d+", background)[:3]))
    assert darkness < 150 if scheme == "dark" else darkness > 700, background

    page.goto(live_server.url + long_post.get_absolute_url() + "#respond")
    page.get_by_label("Comment", exact=True).fill("Does this help after a long run?")
    page.get_by_label("Name", exact=True).fill("Dana")
    page.get_by_label("Email", exact=True).fill("not an email")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_role("alert")).to_be_visible()
    page.get_by_label("Email", exact=True).focus()
    assert axe(page) == [], (scheme, "form with an error")

    page.get_by_label("Email", exact=True).fill("dana@example.com")
    page.get_by_role("button", name="Post Comment").click()
    expect(page.locator(".comment--pending")).to_contain_text("Does this help after a long run?")
    assert axe(page) == [], (scheme, "pending comment")

    page.goto(live_server.url + "/search/?q=hip")
    expect(page.get_by_role("link", name="Ten-minute hip reset", exact=True)).to_be_visible()
    assert axe(page) == [], (scheme, "search results")


def rgb(colour):
    return tuple(int(n) for n in re.findall(r"\d+", colour)[:3])


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}], ids=["phone", "wide"])
def test_the_form_marks_required_fields_aligns_its_inputs_and_rings_focus_in_blue(
    live_server, browser, long_post, viewport
):
    page = browser.new_context(viewport=viewport).new_page()
    page.goto(live_server.url + long_post.get_absolute_url() + "#respond")
    form = page.locator("#comment-form")
    expect(form.locator(".comment-form__legend")).to_have_text("* required")
    marks = {}
    for name in ("Comment", "Name", "Email", "Website"):
        field = form.get_by_role("textbox", name=name, exact=True)
        label = form.locator(f"label[for='{field.get_attribute('id')}']")
        marks[name] = label.evaluate("l => getComputedStyle(l, '::after').content")
        if name != "Website":
            expect(field).to_have_attribute("required", "")
    assert ["*" in mark for mark in marks.values()] == [True, True, True, False], marks

    boxes = [
        form.get_by_role("textbox", name=name, exact=True).bounding_box()
        for name in ("Name", "Email", "Website")
    ]
    assert len({(round(box["x"]), round(box["width"])) for box in boxes}) == 1, boxes
    labels = [
        form.locator(f"label[for='id_{name}']").bounding_box() for name in ("name", "email", "url")
    ]
    assert len({round(box["x"]) for box in labels}) == 1, labels

    email = form.get_by_role("textbox", name="Email", exact=True)
    email.focus()
    style, width, colour = email.evaluate(
        "e => ['outlineStyle', 'outlineWidth', 'outlineColor'].map(p => getComputedStyle(e)[p])"
    )
    red, _, blue = rgb(colour)
    assert style == "solid" and float(width[:-2]) >= 2 and blue > red + 100, (style, width, colour)

    form.get_by_role("textbox", name="Comment", exact=True).fill("Is the bridge safe for my back?")
    form.get_by_role("textbox", name="Name", exact=True).fill("Dana")
    email.fill("not an email")
    form.get_by_role("button", name="Post Comment").click()
    email = page.locator("#comment-form").get_by_role("textbox", name="Email", exact=True)
    expect(email).to_have_attribute("aria-invalid", "true")
    border = rgb(email.evaluate("e => getComputedStyle(e).borderLeftColor"))
    assert border[0] > border[2] + 100, border  # an error is red...
    email.focus()
    ring = rgb(email.evaluate("e => getComputedStyle(e).outlineColor"))
    assert ring[2] > ring[0] + 100, ring  # ...and focusing it still shows the blue ring
