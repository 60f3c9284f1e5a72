"""Lists of posts and a post's steps as readers see them on real content: a post without a
lead picture (every imported one) uses the list's whole width, and step photos of any
shape share one height on a phone."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.factories import image_upload, make_category, make_exercise, make_post, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DENVER = ZoneInfo("America/Denver")
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SCHEMES = ["light", "dark"]


@pytest.fixture
def listed():
    topic = make_category(name="Feel Good Series", slug="feel-good")
    for day, picture in [(10, False), (12, True)]:
        make_post(
            title="Ten-minute hip reset" if picture else "Imported from the old blog",
            summary="Lie down, breathe, and let the floor hold you for a few minutes.",
            published_at=datetime(2016, 5, day, 7, 30, tzinfo=DENVER),
            categories=[topic],
            lead_image=picture,
        )
    return topic


def box(locator):
    return locator.bounding_box()


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_post_without_a_picture_uses_the_whole_width(
    live_server, browser, axe, html_errors, listed, scheme
):
    page = browser.new_context(viewport=DESKTOP, color_scheme=scheme).new_page()
    pages = {}
    for name, path in [
        ("home", "/"),
        ("year", "/blog/2016/"),
        ("month", "/blog/2016/05/"),
        ("topic", listed.get_absolute_url()),
    ]:
        page.goto(live_server.url + path)
        plain = page.locator("article.post-summary", has_text="Imported from the old blog")
        pictured = page.locator("article.post-summary", has_text="Ten-minute hip reset")
        article, title, meta, summary = (
            box(plain),
            box(plain.locator("h2")),
            box(plain.locator(".meta")),
            box(plain.locator("p").last),
        )
        # Title, date line and summary one under the other, each across the article.
        for part in (title, summary):
            assert part["x"] == pytest.approx(article["x"], abs=1), path
            assert part["width"] > article["width"] * 0.95, path
        assert title["y"] < meta["y"] < summary["y"], path
        assert meta["x"] == pytest.approx(article["x"], abs=1), path
        # A post with a picture keeps it in its column beside the words.
        picture = box(pictured.locator(".post-summary__image img"))
        words = box(pictured.locator("h2"))
        assert words["x"] > picture["x"] + picture["width"], path
        assert words["y"] == pytest.approx(picture["y"], abs=2), path
        assert axe(page) == [], path
        pages[f"{name}-{scheme}"] = page.request.get(page.url).text()
    assert html_errors(pages) == []


@pytest.fixture
def steps():
    post = make_post(title="Ten-minute hip reset", slug="hip-reset")
    for name, size in [
        ("Figure four on the back", (1200, 800)),
        ("Standing hip hinge", (800, 1200)),
        ("Supported bridge", (1600, 900)),
    ]:
        exercise = make_exercise(name=name, photo_alt=f"Drawing of {name.lower()}")
        exercise.photo = image_upload(f"{exercise.slug}.jpg", size=size)
        exercise.save()
        make_step(post, exercise)
    return post


def photo_heights(page):
    photos = page.locator("ol.steps > li .step__photo img")
    expect(photos).to_have_count(3)
    for n in range(3):
        photos.nth(n).scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=photos.nth(n).element_handle()
        )
    return [box(photos.nth(n)) for n in range(3)]


@pytest.mark.parametrize("scheme", SCHEMES)
def test_step_photos_share_one_height_on_a_phone(live_server, browser, axe, steps, scheme):
    page = browser.new_context(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(live_server.url + steps.get_absolute_url())

    landscape, portrait, wide = photo_heights(page)

    assert portrait["height"] == pytest.approx(landscape["height"], abs=1)
    assert wide["height"] == pytest.approx(landscape["height"], abs=1)
    assert landscape["height"] < PHONE["height"] / 3
    # Each photo spans its card: a tall one is shown whole inside the same frame.
    assert portrait["width"] == pytest.approx(landscape["width"], abs=1)
    fit = page.locator(".step__photo img").nth(1).evaluate("img => getComputedStyle(img).objectFit")
    assert fit == "contain"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []


def test_the_practice_page_keeps_its_photos_right(live_server, browser, steps):
    practice = live_server.url + steps.get_absolute_url() + "practice/"
    # Without the script the practice page is the list of steps: one height, as on the post.
    still = browser.new_context(viewport=PHONE, java_script_enabled=False).new_page()
    still.goto(practice)
    landscape, portrait, _ = photo_heights(still)
    assert portrait["height"] == pytest.approx(landscape["height"], abs=1)

    # In the player one step shows at a time, its photo as large as the screen allows.
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(practice)
    page.get_by_role("button", name="Next step").click()
    current = page.locator("li.step--current .step__photo img")
    expect(current).to_have_attribute("alt", "Drawing of standing hip hinge")
    page.wait_for_function(
        "img => img.complete && img.naturalWidth > 0", arg=current.element_handle()
    )
    assert box(current)["height"] > landscape["height"] * 1.3
