import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from blog.models import Exercise
from comments.models import Comment
from tests.factories import (
    image_bytes,
    make_author,
    make_comment,
    make_exercise,
    make_post,
    make_step,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def maren():
    user = User.objects.create_user(
        "maren",
        "maren@example.com",
        "wasatch-tea-thermos",
        is_staff=True,
        first_name="Maren",
        last_name="Holt",
    )
    user.groups.add(Group.objects.get(name="Therapist"))
    return user


def test_therapist_approves_and_answers_a_question(live_server, page, axe, csp_violations, maren):
    post = make_post(title="Ten-minute hip reset")
    make_comment(post, author_name="Wes", body="One year of mornings!")
    question = make_comment(
        post, author_name="Hannah", body="Is the bridge safe after a C-section?", status="pending"
    )

    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill("wasatch-tea-thermos")
    page.get_by_role("button", name="Log in").click()

    pending = page.get_by_role("link", name="1 comment pending")
    expect(pending).to_be_visible()
    pending.click()
    row = page.locator("tr", has_text="Is the bridge safe after a C-section?")
    row.get_by_role("button", name="Approve").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Approved: Hannah on “Ten-minute hip reset”"
    )
    expect(page.get_by_role("link", name=re.compile("comments? pending"))).to_have_count(0)
    assert Comment.objects.get(pk=question.pk).status == "approved"

    page.goto(live_server.url + "/admin/comments/comment/")
    page.locator("tr", has_text="Is the bridge safe").get_by_role("link", name="Reply").click()
    expect(page.get_by_role("heading", name="Reply to Hannah")).to_be_visible()
    page.get_by_label("Your reply").fill("Wait for your six-week check, then start gently.")
    page.get_by_role("button", name="Publish reply").click()

    message = page.locator(".messagelist")
    expect(message).to_contain_text("Your reply to Hannah is published.")
    message.get_by_role("link", name="See it on the site").click()

    reply = Comment.objects.get(user=maren)
    expect(page).to_have_url(re.compile(rf"#comment-{reply.pk}$"))
    expect(page.get_by_role("heading", name="3 Comments")).to_be_visible()
    # Inside the question's article (its replies sit in the thread's <details>).
    nested = page.locator(f"#comment-{question.pk} #comment-{reply.pk}")
    expect(nested).to_contain_text("Wait for your six-week check")
    expect(nested.locator(".badge")).to_have_text("Author")
    expect(nested).to_have_class(re.compile("comment--author"))
    assert axe(page) == []
    assert csp_violations == []


def test_markdown_preview_and_step_table_work_under_the_csp(
    live_server, page, csp_violations, maren
):
    post = make_post(title="Draft for the preview", status="draft", published_at=None)
    page.goto(live_server.url + f"/admin/login/?next=/admin/blog/post/{post.pk}/change/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill("wasatch-tea-thermos")
    page.get_by_role("button", name="Log in").click()

    page.get_by_label("Body").fill("## Breathe\n\nSlowly, **really** slowly.")

    preview = page.locator(".markdown-editor__output")
    expect(preview.get_by_role("heading", name="Breathe")).to_be_visible()
    expect(preview.locator("strong")).to_have_text("really")
    page.locator("#steps-group").get_by_text("Add another Step").click()
    expect(page.locator("#steps-group .inline-related:not(.empty-form)")).to_have_count(2)
    assert csp_violations == []


def test_therapist_moves_a_comment_under_the_one_it_answers(live_server, page, browser, maren):
    post = make_post(title="Knee circles")
    question = make_comment(post, author_name="Ola", body="How many circles a day?")
    answer = make_comment(post, author_name="Pia", body="Ten each way works for me.")
    reading = browser.new_context()
    reader = reading.new_page()
    reader.goto(live_server.url + post.get_absolute_url())
    expect(reader.locator(f"#comment-{answer.pk}")).to_be_visible()
    expect(reader.locator(f"#comment-{question.pk} #comment-{answer.pk}")).to_have_count(0)

    page.goto(live_server.url + f"/admin/login/?next=/admin/comments/comment/{answer.pk}/change/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill("wasatch-tea-thermos")
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Move", exact=True).click()
    expect(page.get_by_role("heading", name="Move Pia’s comment")).to_be_visible()
    page.get_by_label("Move it under").select_option(label="Ola: “How many circles a day?”")
    page.get_by_role("button", name="Move", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("Pia’s comment moved under Ola’s comment.")
    reader.reload()
    nested = reader.locator(f"#comment-{question.pk} #comment-{answer.pk}")
    expect(nested).to_contain_text("Ten each way works for me.")
    expect(nested).to_have_class(re.compile("depth-1"))
    reading.close()


PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}


def signed_in(browser, live_server, viewport, scheme="light"):
    page = browser.new_context(viewport=viewport, color_scheme=scheme).new_page()
    page.goto(live_server.url + "/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill("wasatch-tea-thermos")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server.url + "/admin/")
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_her_bar_on_the_site_leads_to_what_waits_and_to_the_post(
    live_server, browser, maren, axe, html_errors, viewport, scheme
):
    post = make_post(title="Ten-minute hip reset")
    make_comment(post, author_name="Hannah", body="Safe after a C-section?", status="pending")
    stranger = browser.new_context(viewport=viewport, color_scheme=scheme).new_page()
    stranger.goto(live_server.url + post.get_absolute_url())  # the page kept for strangers
    page = signed_in(browser, live_server, viewport, scheme)

    page.goto(live_server.url + post.get_absolute_url())

    bar = page.locator("nav#staff-bar")
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("Signed in as Maren Holt")
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
    assert axe(page) == []
    if scheme == "light":
        assert html_errors({"post": page.request.get(page.url).text()}) == []
    stranger.reload()
    expect(stranger.locator("#staff-bar")).to_have_count(0)
    expect(stranger.get_by_text("Signed in as")).to_have_count(0)

    bar.get_by_role("link", name="Edit this post").click()
    expect(page.get_by_role("heading", name="Change post")).to_be_visible()
    page.go_back()
    page.locator("nav#staff-bar").get_by_role("link", name="1 comment waiting").click()
    expect(page.locator("#result_list")).to_contain_text("Safe after a C-section?")


def overflowing(page, selector, width):
    """The elements matching `selector` that are not wholly on a screen `width` wide."""
    return page.evaluate(
        """([selector, width]) => [...document.querySelectorAll(selector)]
            .filter(e => e.offsetParent !== null)
            .map(e => [e.id || e.name || e.className, e.getBoundingClientRect()])
            .filter(([, r]) => r.left < 0 || r.right > width)
            .map(([name, r]) => `${name}: ${Math.round(r.left)}-${Math.round(r.right)}`)""",
        [selector, width],
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_admin_home_fits_the_screen_with_her_to_do_list(
    live_server, browser, maren, axe, viewport, scheme
):
    post = make_post(title="Knee circles")
    make_comment(post, author_name="Ola", body="How many a day?")
    make_comment(post, author_name="Pia", body="Waiting", status="pending")
    page = signed_in(browser, live_server, viewport, scheme)

    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
    link = page.get_by_role("link", name="Import a blog")
    box = link.bounding_box()
    assert box["height"] < 2.5 * 16 and box["width"] > 80, box  # one line, not a letter a line
    assert overflowing(page, "#content-main a, #content-main td", viewport["width"]) == []
    assert axe(page) == []

    page.get_by_role("link", name="No answer from you yet").click()
    expect(page).to_have_url(re.compile(r"\?unanswered=1$"))
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("How many a day?")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_steps_controls_are_on_screen(live_server, browser, maren, viewport):
    post = make_post(title="Hip reset")
    for name in ("Supported bridge", "Figure four", "Knee circles"):
        make_step(post, make_exercise(name=name, photo=True), note="Slowly, breathing out")
    page = signed_in(browser, live_server, viewport)

    page.goto(live_server.url + f"/admin/blog/post/{post.pk}/change/")

    steps = page.locator("#steps-group .inline-related:not(.empty-form)")
    expect(steps).to_have_count(4)  # three steps and a blank one
    controls = "#steps-group .inline-related:not(.empty-form) :is(input, select, .select2)"
    assert page.locator(controls).count() > 30
    assert overflowing(page, controls, viewport["width"]) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= viewport["width"]
    assert page.evaluate(
        "[...document.querySelectorAll('#steps-group *')].every(e => e.scrollWidth <= "
        "e.clientWidth + 1 || getComputedStyle(e).overflowX === 'visible')"
    )
    first = page.locator("#steps-0")
    for label in ("Hold (seconds):", "Each side:", "Sets:", "Repetitions:", "Note:"):
        expect(first.get_by_text(label, exact=True)).to_be_visible()
    expect(first.get_by_label("Delete")).to_be_visible()


def test_the_editor_has_one_markdown_help_and_a_preview_with_bullets(live_server, browser, maren):
    make_author(name="Maren Holt", slug="maren-holt", user=maren)
    page = signed_in(browser, live_server, DESKTOP)
    page.goto(live_server.url + "/admin/blog/post/add/")

    expect(page.get_by_label("Author:")).to_have_value(re.compile(r"\d+"))
    expect(page.locator("#id_author option:checked")).to_have_text("Maren Holt")
    page.get_by_label("Body:").fill("Warm up:\n\n- walk\n- hop\n\n1. left\n2. right")

    preview = page.locator(".markdown-editor__output")
    expect(preview.locator("li")).to_have_count(4)
    styles = preview.locator("li").evaluate_all(
        "items => items.map(li => getComputedStyle(li).listStyleType)"
    )
    assert styles == ["disc", "disc", "decimal", "decimal"]
    expect(page.get_by_text(re.compile("^Markdown:"))).to_have_count(1)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_undo_and_reply_bring_her_back_to_the_list_she_left(
    live_server, browser, maren, axe, scheme
):
    post = make_post(title="Knee circles")
    make_comment(post, author_name="Ola", body="Old and published")
    waiting = make_comment(post, author_name="Pia", body="Is it safe daily?", status="pending")
    make_comment(post, author_name="Quinn", body="And twice a day?", status="pending")
    page = signed_in(browser, live_server, PHONE, scheme)
    pending = live_server.url + "/admin/comments/comment/?status__exact=pending"
    page.goto(pending)

    page.locator("tr", has_text="Is it safe daily?").get_by_role("button", name="Remove").click()

    message = page.locator(".messagelist")
    expect(message).to_contain_text("Removed: Pia on “Knee circles”.")
    assert axe(page) == []
    message.get_by_role("button", name="Undo").click()
    expect(page).to_have_url(pending)
    expect(page.locator(".messagelist")).to_contain_text("Undone: Pia’s comment is pending again.")
    expect(page.locator("tr", has_text="Is it safe daily?")).to_have_count(1)
    assert Comment.objects.get(pk=waiting.pk).status == "pending"

    page.locator("tr", has_text="Is it safe daily?").get_by_role("link", name="Reply").click()
    page.get_by_label("Your reply").fill("Yes, once a day is plenty.")
    page.get_by_role("button", name="Publish reply").click()

    expect(page).to_have_url(pending)
    expect(page.locator(".messagelist")).to_contain_text("Your reply to Pia is published.")
    expect(page.locator("#result_list tbody tr")).to_have_count(1)
    expect(page.locator("#result_list")).to_contain_text("And twice a day?")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_photo_without_a_description_is_asked_for_at_its_field_and_kept(
    live_server, browser, maren, axe, scheme
):
    page = signed_in(browser, live_server, PHONE, scheme)
    page.goto(live_server.url + "/admin/blog/exercise/add/")
    page.get_by_label("Name:").fill("Supported bridge")
    page.get_by_label("Instructions:").fill("Lift the hips.")
    photo = {"name": "bridge.jpg", "mimeType": "image/jpeg", "buffer": image_bytes()}
    page.locator("#id_photo").set_input_files(files=[photo])
    page.get_by_role("button", name="Save", exact=True).click()

    error = page.locator(".form-row.field-photo_alt .errorlist")
    expect(error).to_have_text("Add the image’s description: readers who cannot see it need one.")
    expect(page.locator(".errorlist.nonfield")).to_have_count(0)
    expect(page.get_by_text("“bridge.jpg” is kept from your last try")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Photo description:").fill("Lying on the back, hips lifted")
    page.get_by_role("button", name="Save", exact=True).click()

    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    exercise = Exercise.objects.get()
    assert exercise.photo and exercise.photo_alt == "Lying on the back, hips lifted"
