"""A post's admin page (its steps as cards, its categories, author and publishing date) passes
axe and the Nu HTML checker, in both colour schemes, on a phone and a laptop."""

import pytest
from django.contrib.auth.models import Group, User
from django.utils.timezone import localtime
from playwright.sync_api import expect

from blog.models import PostRevision
from tests.factories import make_author, make_category, make_exercise, make_post, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def post():
    user = User.objects.create_user(
        "maren", "maren@example.com", "wasatch-tea-thermos", is_staff=True, first_name="Maren"
    )
    user.groups.add(Group.objects.get(name="Therapist"))
    hips = make_category(name="Hips", slug="hips")
    make_category(name="Knees", slug="knees")
    post = make_post(title="Hip reset", author=make_author(user=user), categories=[hips])
    make_step(post, make_exercise(name="Supported bridge", photo=True), note="Slowly")
    make_step(post, make_exercise(name="Figure four"))
    PostRevision.objects.create(post=post, body="The first text.", reason="Building its sequence")
    return post


def open_change_page(browser, live_server, post, viewport, scheme):
    page = browser.new_context(viewport=viewport, color_scheme=scheme).new_page()
    page.goto(live_server.url + f"/admin/login/?next=/admin/blog/post/{post.pk}/change/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill("wasatch-tea-thermos")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Change post")).to_be_visible()
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_post_page_passes_axe(live_server, browser, post, axe, viewport, scheme):
    page = open_change_page(browser, live_server, post, viewport, scheme)

    expect(page.locator("#steps-group .inline-related:not(.empty-form)")).to_have_count(3)
    expect(page.get_by_role("link", name="Build sequence")).to_be_visible()
    expect(page.get_by_role("button", name="Restore")).to_be_visible()
    expect(page.get_by_role("checkbox", name="Hips")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Knees")).not_to_be_checked()
    expect(page.get_by_label("Date:")).to_have_value(f"{localtime(post.published_at):%Y-%m-%d}")
    expect(page.get_by_label("Time:")).to_be_visible()
    expect(page.locator("#steps-0").get_by_label("Exercise:")).to_have_value(
        str(post.steps.first().exercise_id)
    )
    violations = axe(page)
    assert violations == [], "\n".join(violations)


def test_the_post_page_is_valid_html(live_server, browser, post, html_errors):
    page = open_change_page(browser, live_server, post, DESKTOP, "light")

    errors = html_errors({"change": page.request.get(page.url).text()})
    assert errors == [], "\n".join(errors)
