"""The therapist turns her imported 10-exercise post into a sequence on her phone."""

import unicodedata
from io import BytesIO

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect
from pypdf import PdfReader

from tests import sequence_fixture as ten
from tests.sequence_fixture import import_ten_step_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def maren():
    user = User.objects.create_user(
        "maren", "maren@example.com", "wasatch-tea-thermos", is_staff=True, first_name="Maren"
    )
    user.groups.add(Group.objects.get(name="Therapist"))
    return user


def no_sideways_scrolling(page):
    return page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_therapist_builds_the_sequence_of_her_imported_post_on_a_phone(
    live_server, page, axe, html_errors, csp_violations, maren, tmp_path
):
    # Her captions say how to do each exercise; the post says how long, once, for all.
    post = import_ten_step_post(tmp_path, own_dosages=False)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/blog/post/{post.pk}/change/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill("wasatch-tea-thermos")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Build sequence").click()

    expect(page.locator(".sequence-summary")).to_contain_text(
        "a gallery of 10 pictures with captions"
    )
    cards = page.locator("li.proposal")
    expect(cards).to_have_count(12)
    ticked = cards.filter(has=page.locator("input[name$='-use']:checked"))
    expect(ticked).to_have_count(10)
    illustrations = cards.filter(has_text="not a step")
    expect(illustrations).to_have_count(2)
    for n in range(2):
        expect(illustrations.nth(n).get_by_label("Use as a step")).not_to_be_checked()
    first = ticked.first
    expect(first.get_by_label("Name")).to_have_value(ten.NAMES[0])
    expect(first.locator("img")).to_be_visible()
    assert no_sideways_scrolling(page)
    # The keyboard's place is seen: a field reached with Tab has an outline.
    first.get_by_label("Use as a step").focus()
    page.keyboard.press("Tab")
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("", "none")
    assert csp_violations == []
    assert axe(page) == []
    csp_violations.clear()  # axe's own styles, injected for its checks
    assert html_errors({"builder": page.request.get(page.url).text()}) == []

    page.get_by_role("button", name="Save sequence").click()

    message = page.locator(".messagelist")
    expect(message).to_contain_text("Saved a sequence of 10 steps.")
    message.get_by_role("link", name="See its practice page").click()
    steps = page.locator("li.step")
    expect(steps).to_have_count(10)
    for n, name in enumerate(ten.NAMES):
        step = steps.nth(n)
        expect(step.locator("h3")).to_have_text(name)
        expect(step.locator(".dosage")).to_have_text("Hold 1 minute each side")
        expect(step.locator("img")).to_have_count(1)
    assert no_sideways_scrolling(page)
    assert csp_violations == []
    # Printed, the practice page is her handout: four Letter pages at most, every step on it.
    handout = PdfReader(BytesIO(page.pdf(format="Letter")))
    assert len(handout.pages) <= 4
    text = " ".join(unicodedata.normalize("NFKC", sheet.extract_text()) for sheet in handout.pages)
    text = " ".join(text.split())
    assert all(name in text for name in ten.NAMES)
    assert sum(len(sheet.images) for sheet in handout.pages) >= 10  # a photo for each step
    assert text.count("Hold 1 minute each side") == 10


def test_a_mistake_on_a_phone_is_named_and_the_page_stays_valid(
    live_server, page, axe, html_errors, maren, tmp_path
):
    post = import_ten_step_post(tmp_path)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/admin/login/?next=/admin/blog/post/{post.pk}/sequence/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill("wasatch-tea-thermos")
    page.get_by_role("button", name="Log in").click()
    card = page.locator("li.proposal").filter(has_text=ten.NAMES[0]).first
    card.get_by_label("Hold (seconds)").fill("1 min")

    page.get_by_role("button", name="Save sequence").click()

    expect(page.get_by_role("alert")).to_contain_text("Type a whole number, like 60.")
    expect(card.get_by_label("Hold (seconds)")).to_have_value("1 min")
    page.get_by_role("alert").get_by_role("link").first.click()
    expect(card.get_by_label("Hold (seconds)")).to_be_focused()
    assert no_sideways_scrolling(page)
    assert axe(page) == []
    assert html_errors({"redrawn": page.content()}) == []
