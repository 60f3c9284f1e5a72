"""Search as a reader meets it on a phone: a word only the therapist's answer
holds finds that answer, marked, and the result leads to it in its thread."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.factories import make_comment, make_exercise, make_post, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def answered():
    post = make_post(title="Releasing the psoas", body="Lie on your back, knees bent.")
    make_step(post, make_exercise(name="Kneeling hip flexor stretch", instructions="Kneel."))
    therapist = User.objects.create_user("maren", is_staff=True)
    for n in range(12):
        make_comment(post, body=f"Thank you for this one, number {n}. " * 3)
    question = make_comment(post, author_name="Dana", body="Why does my lower back ache?")
    answer = make_comment(
        post,
        parent=question,
        user=therapist,
        author_name="Maren",
        body="A tight iliopsoas pulls the lower back forward; <try> the kneeling stretch.",
    )
    return post, answer


def test_reader_finds_her_answer_from_the_header_box(live_server, browser, axe, answered):
    _, answer = answered
    page = browser.new_context(viewport=PHONE).new_page()
    page.goto(live_server.url + "/")

    box = page.get_by_role("searchbox", name="Search the blog").first
    expect(box).to_have_attribute("placeholder", "Posts and answers")
    expect(box).to_be_in_viewport()
    box.fill("iliopsoas")
    box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=iliopsoas$"))
    expect(page.get_by_role("status")).to_have_text("Found 1 comment for “iliopsoas”.")
    results = page.get_by_role("region", name="From the comments")
    expect(results.locator("mark")).to_have_text(["iliopsoas"])
    expect(results).to_contain_text("pulls the lower back forward; <try> the kneeling")
    expect(results.locator(".badge")).to_have_text("Author")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe(page) == []

    results.get_by_role("link", name="Maren on “Releasing the psoas”").click()

    expect(page).to_have_url(re.compile(rf"#comment-{answer.pk}$"))
    expect(page.locator(f"#comment-{answer.pk}")).to_be_in_viewport()


def test_a_step_finds_its_post_and_the_page_is_valid(live_server, page, axe, html_errors):
    answered_post = make_post(title="Morning routine", body="Ten minutes before coffee.")
    make_step(answered_post, make_exercise(name="Kneeling hip flexor stretch"))
    make_comment(answered_post, body="Is the hip flexor stretch safe after a hip replacement?")
    url = live_server.url + "/search/?q=hip+flexor"
    page.goto(url)

    posts = page.get_by_role("region", name="Posts")
    expect(posts.get_by_role("link", name="Morning routine")).to_be_visible()
    expect(posts.locator("mark")).to_have_text(["hip", "flexor"])
    expect(page.get_by_role("region", name="From the comments").locator("mark")).to_have_text(
        ["hip", "flexor", "hip"]
    )
    assert axe(page) == []
    source = page.request.get(url).text()
    empty = page.request.get(live_server.url + "/search/?q=%22%3Cscript%3E").text()
    assert html_errors({"search-results": source, "search-nothing": empty}) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}])
def test_one_search_box_on_the_search_and_missing_pages(
    live_server, browser, axe, html_errors, viewport, scheme
):
    make_post(title="Desk stretches", body="A hip-flexor stretch at your desk.")
    page = browser.new_context(viewport=viewport, color_scheme=scheme).new_page()
    page.goto(live_server.url + "/search/?q=hip+flexor")

    expect(page.get_by_role("search")).to_have_count(1)
    box = page.get_by_role("searchbox", name="Search the blog")
    expect(box).to_have_value("hip flexor")
    expect(box).to_be_in_viewport()
    expect(page.get_by_role("region", name="Posts")).to_contain_text("Desk stretches")
    assert axe(page) == []
    found = page.request.get(page.url).text()

    response = page.goto(live_server.url + "/no-such-page/")
    assert response.status == 404
    missing = response.text()
    expect(page.get_by_role("search")).to_have_count(1)
    page.get_by_role("searchbox", name="Search the blog").fill("hip-flexor")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_have_text("Found 1 post for “hip-flexor”.")
    page.go_back()
    assert axe(page) == []
    assert html_errors({"search": found, "missing": missing}) == []
