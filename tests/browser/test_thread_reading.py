"""Reading a thread on a phone and a desktop: landing on a comment (at once, highlighted,
with what it answers), folding a question's replies, the order of the threads, and a
visitor without JavaScript finding their saved details in the next form."""

import re

import pytest
from playwright.sync_api import expect

from comments import pages
from comments.models import Comment
from demo.threads import generate
from tests.factories import make_comment, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
SIZES = pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
TRANSPARENT = "rgba(0, 0, 0, 0)"


@pytest.fixture
def long_post():
    post = make_post(title="Three hundred questions about the hip")
    generate(post, 300, seed=23)
    return post


@pytest.fixture
def talk(settings):
    """Three threads: a question with three replies (one answering an answer), a remark
    nobody answered, and a question with one reply."""
    settings.COMMENTS_MIN_FORM_SECONDS = 1
    post = make_post(title="Ten-minute hip reset")
    question = make_comment(post, author_name="Dana", body="Where should I feel the stretch?")
    answer = make_comment(post, parent=question, author_name="Maren", body="In the outer hip.")
    make_comment(post, parent=answer, author_name="Dana", body="Found it, thank you.")
    make_comment(post, parent=question, author_name="Wes", body="Same here.")
    remark = make_comment(post, author_name="Lee", body="One year of mornings!")
    last = make_comment(post, author_name="Ola", body="Can I do this after a knee operation?")
    make_comment(post, parent=last, author_name="Maren", body="Ask your surgeon first.")
    return post, question, answer, remark, last


def background(locator):
    return locator.evaluate("element => getComputedStyle(element).backgroundColor")


def tops(page):
    """The ids of the top-level comments on the page, in order."""
    return page.locator(".comments > article.comment").evaluate_all(
        "articles => articles.map(article => article.id)"
    )


@SIZES
def test_a_permalink_lands_on_its_comment_at_once_highlighted_and_in_context(
    live_server, browser, long_post, size
):
    page = browser.new_context(viewport=size).new_page()
    _, after = pages.layout(long_post).trees(1)
    on_first_page = long_post.comments.filter(tree_id__lt=after, level__gte=2)
    reply = on_first_page.order_by("-tree_id", "-lft").first()  # far down page 1

    page.goto(f"{live_server.url}/comments/{reply.pk}/")  # returns once the page has loaded

    # There at once, not scrolling towards it from the top of the page.
    comment = page.locator(f"#comment-{reply.pk}")
    place = "element => [element.getBoundingClientRect().top, window.scrollY]"
    top, scrolled = comment.evaluate(place)
    assert scrolled > 2 * size["height"] and 0 <= top < size["height"] / 2
    page.wait_for_timeout(300)
    assert comment.evaluate(place) == [top, scrolled]
    # Highlighted, and it alone: not its neighbours, not its own replies.
    assert background(comment.locator("> .comment__body")) != TRANSPARENT
    parent = page.locator(f"#comment-{reply.parent_id}")
    assert background(parent.locator("> .comment__body")) == TRANSPARENT
    # What it answers, a link away.
    parent_name = Comment.objects.get(pk=reply.parent_id).author_name
    answers = comment.locator("> .comment__to")
    expect(answers).to_have_text(f"In reply to {parent_name}")
    answers.get_by_role("link", name=parent_name).click()

    expect(page).to_have_url(re.compile(rf"#comment-{reply.parent_id}$"))
    expect(parent.locator("> .comment__meta")).to_be_in_viewport()
    assert background(parent.locator("> .comment__body")) != TRANSPARENT
    assert background(comment.locator("> .comment__body")) == TRANSPARENT


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_question_with_its_replies_folds_away_and_opens_again(
    live_server, browser, talk, javascript
):
    post, question, answer, remark, last = talk
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + post.get_absolute_url())
    thread = page.locator(f"#comment-{question.pk} > details.thread")
    summary = thread.locator("> summary")
    reply = page.locator(f"#comment-{answer.pk}")

    # Open as the page comes, every reply inside, the summary saying what a press does.
    expect(thread).to_have_attribute("open", "")
    expect(thread.locator("article.comment")).to_have_count(3)
    expect(summary).to_have_accessible_name("Hide the 3 replies")
    expect(page.locator(f"#comment-{last.pk} > details.thread > summary")).to_have_text(
        "Hide the reply", use_inner_text=True
    )
    expect(page.locator(f"#comment-{remark.pk} details")).to_have_count(0)
    expect(reply).to_be_visible()
    height = page.evaluate("() => document.documentElement.scrollHeight")

    summary.click()

    expect(summary).to_have_accessible_name("Show the 3 replies")
    expect(summary).to_have_text("Show the 3 replies", use_inner_text=True)
    expect(reply).to_be_hidden()
    expect(page.get_by_text("One year of mornings!")).to_be_visible()
    assert page.evaluate("() => document.documentElement.scrollHeight") < height

    summary.click()

    expect(reply).to_be_visible()
    expect(summary).to_have_accessible_name("Hide the 3 replies")


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_reader_reads_the_newest_threads_first_and_back(live_server, browser, talk, javascript):
    post, question, answer, remark, last = talk
    page = browser.new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    url = live_server.url + post.get_absolute_url()
    page.goto(url)
    order = page.get_by_role("navigation", name="Comment order")
    expect(order.get_by_role("link", name="Oldest first")).to_have_attribute("aria-current", "true")
    assert tops(page) == [f"comment-{c.pk}" for c in (question, remark, last)]

    order.get_by_role("link", name="Newest first").click()

    expect(page).to_have_url(f"{url}?corder=newest#comments")
    expect(order.get_by_role("link", name="Newest first")).to_have_attribute("aria-current", "true")
    expect(order.get_by_role("link", name="Oldest first")).not_to_have_attribute(
        "aria-current", "true"
    )
    assert tops(page) == [f"comment-{c.pk}" for c in (last, remark, question)]
    # Inside a thread the replies keep their order: a conversation reads down.
    expect(page.locator(f"#comment-{question.pk} .comment__author")).to_have_text(
        ["Dana", "Maren", "Dana", "Wes"]
    )
    # A comment's date, its permalink, keeps the order.
    page.locator(f"#comment-{answer.pk} > .comment__meta .comment__permalink").click()
    expect(page).to_have_url(f"{url}?corder=newest#comment-{answer.pk}")
    expect(page.locator(f"#comment-{answer.pk} > .comment__meta")).to_be_in_viewport()

    order.get_by_role("link", name="Oldest first").click()

    expect(page).to_have_url(f"{url}#comments")
    assert tops(page) == [f"comment-{c.pk}" for c in (question, remark, last)]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@SIZES
def test_the_reader_controls_are_accessible_and_valid(
    live_server, browser, talk, axe, html_errors, scheme, size
):
    post, question, answer, *_ = talk
    page = browser.new_context(viewport=size, color_scheme=scheme).new_page()
    url = live_server.url + post.get_absolute_url()
    sources = {}
    for name, address in (
        ("oldest", f"{url}#comment-{answer.pk}"),
        ("newest", f"{url}?corder=newest#comments"),
    ):
        page.goto(address)
        assert axe(page) == [], name
        sources[name] = page.content()
    page.locator(f"#comment-{question.pk} > details.thread > summary").click()
    assert axe(page) == [], "folded"
    if scheme == "light" and size == PHONE:
        assert html_errors(sources) == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_after_sending_the_visitor_reads_one_sentence_and_the_next_form_knows_them(
    live_server, browser, talk, javascript
):
    post, question, *_ = talk
    page = browser.new_context(java_script_enabled=javascript).new_page()
    url = live_server.url + post.get_absolute_url()
    page.goto(url)
    form = page.locator("#comment-form")
    form.get_by_label("Comment", exact=True).fill("Does the stretch help at night too?")
    form.get_by_label("Name", exact=True).fill("Zoë")
    form.get_by_label("Email", exact=True).fill("zoe@example.com")
    form.get_by_label("Save my name").check()
    page.wait_for_timeout(1100)
    form.get_by_role("button", name="Post Comment").click()
    if not javascript:  # the cached page's form comes back once with its token, to send again
        expect(page.get_by_role("alert")).to_contain_text("press Post Comment once more")
        form.get_by_role("button", name="Post Comment").click()

    mine = page.locator(".comment--pending")
    expect(mine.get_by_role("status")).to_have_text(
        "Thank you! Your comment is awaiting moderation: it will appear here once the "
        "therapist has read it."
    )
    expect(mine).not_to_contain_text("Only you can see it")
    expect(mine.locator(".badge--pending")).to_have_text("Awaiting moderation")
    # The next form has their details, as the script fills them, without the script too.
    expect(form.get_by_label("Name", exact=True)).to_have_value("Zoë")
    expect(form.get_by_label("Email", exact=True)).to_have_value("zoe@example.com")
    expect(form.get_by_label("Save my name")).to_be_checked()

    page.locator(f"#comment-{question.pk} > .comment__actions").get_by_role("link").click()

    expect(page.get_by_role("heading", name="Reply to Dana")).to_be_visible()
    expect(form.get_by_label("Name", exact=True)).to_have_value("Zoë")
    expect(form.get_by_label("Email", exact=True)).to_have_value("zoe@example.com")

    page.goto(url)  # a later visit: the waiting comment says so, once

    expect(mine).to_contain_text("Your comment is awaiting moderation. Only you can see it")
    expect(mine).not_to_contain_text("Thank you")
    expect(mine.locator(".badge--pending")).to_have_text("Awaiting moderation")
    stranger = browser.new_context(java_script_enabled=javascript).new_page()
    stranger.goto(url)
    expect(stranger.get_by_label("Name", exact=True)).to_have_value("")
    expect(stranger.locator(".comment--pending")).to_have_count(0)
