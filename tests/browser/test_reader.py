import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.factories import make_category, make_exercise, make_post, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DENVER = ZoneInfo("America/Denver")


@pytest.fixture
def blog():
    series = make_category(name="Feel Good Series")
    for year, month in [(2012, 1), (2014, 8), (2022, 11)]:
        make_post(
            title=f"A post from {year}", published_at=datetime(year, month, 5, 9, tzinfo=DENVER)
        )
    post = make_post(
        title="Ten-minute hip reset",
        published_at=datetime(2016, 5, 10, 7, 30, tzinfo=DENVER),
        categories=[series],
        lead_image=True,
    )
    names = ["Figure four on the back", "Constructive rest", "Supported bridge"]
    for name in names:
        make_step(post, make_exercise(name=name, photo=True, each_side=name.startswith("Fig")))
    return post


def test_reader_follows_the_archive_to_a_sequence(live_server, page, axe, blog):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert axe(page) == []

    archive = page.get_by_role("complementary").get_by_role("region", name="Archive")
    expect(archive.locator("summary")).to_have_text(
        ["2022 (1 post)", "2016 (1 post)", "2014 (1 post)", "2012 (1 post)"]
    )
    expect(archive.get_by_role("link")).to_have_text(["November 2022"])
    archive.locator("summary", has_text="2016").click()
    archive.get_by_role("link", name="May 2016").click()

    expect(page).to_have_url(re.compile(r"/blog/2016/05/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Posts from May 2016")
    assert axe(page) == []
    page.get_by_role("link", name="Ten-minute hip reset", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Ten-minute hip reset")
    steps = page.locator("ol.steps > li")
    expect(steps).to_have_count(3)
    expect(steps.get_by_role("heading", level=3)).to_have_text(
        ["Figure four on the back", "Constructive rest", "Supported bridge"]
    )
    expect(steps.first).to_contain_text("Hold 1 minute each side")
    photo = steps.last.get_by_role("img")
    photo.scroll_into_view_if_needed()
    expect(photo).to_have_attribute("loading", "lazy")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    assert axe(page) == []

    steps.last.get_by_role("link", name="Supported bridge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Supported bridge")
    expect(page.get_by_role("link", name="Ten-minute hip reset")).to_be_visible()
    assert axe(page) == []


def test_keyboard_user_can_skip_to_the_content(live_server, page, blog):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("#main$"))


def test_the_post_reads_well_on_a_phone(live_server, page, blog):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url + blog.get_absolute_url())

    widest = page.evaluate("() => document.documentElement.scrollWidth")
    assert widest <= 375
    expect(page.locator("ol.steps > li").first).to_be_visible()
