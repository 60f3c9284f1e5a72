"""On a phone: a thousand comments in pages, permalinks, and
landing next to one's own comment (or the form's errors) after sending."""

import re

import pytest
from playwright.sync_api import expect

from comments import pages
from demo.threads import generate
from tests.factories import make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def long_post(settings):
    settings.COMMENTS_MIN_FORM_SECONDS = 1
    settings.COMMENTS_FLOOD_SECONDS = 0
    post = make_post(title="A thousand questions about the hip")
    generate(post, 1000, seed=7)
    return post


@pytest.fixture
def phone(browser):
    def open_page(javascript=True):
        context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
        return context.new_page()

    return open_page


def on_page(post, number):
    """The pks of the top-level comments on comment page `number`, in order."""
    first, after = pages.layout(post).trees(number)
    roots = post.comments.filter(level=0).order_by("tree_id")
    if first is not None:
        roots = roots.filter(tree_id__gte=first)
    if after is not None:
        roots = roots.filter(tree_id__lt=after)
    return list(roots.values_list("pk", flat=True))


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_reader_pages_through_a_long_thread_and_opens_a_permalink(
    live_server, phone, long_post, javascript
):
    page = phone(javascript)
    url = live_server.url + long_post.get_absolute_url()
    page.goto(url)
    count = pages.layout(long_post).count
    top = page.get_by_role("navigation", name="Comment pages", exact=True)
    expect(top).to_contain_text(f"Page 1 of {count}, oldest comments first")
    expect(page.locator(".comments > article.comment")).to_have_count(len(on_page(long_post, 1)))

    top.get_by_role("link", name="Later comments").click()

    expect(page).to_have_url(f"{url}?cpage=2#comments")
    expect(page.locator("#comments h2")).to_be_in_viewport()
    expect(top.get_by_role("link", name="Page 2")).to_have_attribute("aria-current", "page")
    second = on_page(long_post, 2)
    expect(page.locator(".comments > article.comment").first).to_have_id(f"comment-{second[0]}")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]

    # A comment's date is its permalink: it leads back to this page, scrolled to it.
    comment = page.locator(f"#comment-{second[3]}")
    comment.locator(".comment__permalink").first.click()

    expect(page).to_have_url(f"{url}?cpage=2#comment-{second[3]}")
    expect(comment.locator(".comment__meta").first).to_be_in_viewport()

    last = on_page(long_post, count)[-1]
    page.goto(f"{live_server.url}/comments/{last}/")
    expect(page).to_have_url(f"{url}?cpage={count}#comment-{last}")
    expect(page.locator(f"#comment-{last} > .comment__meta")).to_be_in_viewport()


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_after_sending_the_visitor_sees_the_confirmation_by_their_comment(
    live_server, phone, long_post, javascript
):
    page = phone(javascript)
    url = live_server.url + long_post.get_absolute_url()
    question = on_page(long_post, 2)[1]
    page.goto(f"{url}?cpage=2")

    page.locator(f"#comment-{question}").get_by_role("link", name="Reply to").first.click()
    form = page.locator("#comment-form")
    form.get_by_label("Comment", exact=True).fill("Does this help after a long drive as well?")
    form.get_by_label("Name", exact=True).fill("Priya")
    form.get_by_label("Email", exact=True).fill("priya@example.com")
    page.wait_for_timeout(1100)
    form.get_by_role("button", name="Post Comment").click()
    if not javascript:  # the cached page's form comes back once with its token, to send again
        expect(page.get_by_role("alert")).to_contain_text("press Post Comment once more")
        form.get_by_role("button", name="Post Comment").click()

    expect(page).to_have_url(re.compile(rf"^{re.escape(url)}\?cpage=2#comment-\d+$"))
    mine = page.locator(".comment--pending")
    status = mine.get_by_role("status")
    expect(status).to_have_text(re.compile("^Thank you! Your comment is awaiting moderation"))
    expect(status).to_be_in_viewport()
    expect(mine.locator(".badge--pending")).to_have_text("Awaiting moderation")
    expect(mine.locator(".badge--pending")).to_be_in_viewport()
    expect(page.locator(f"#comment-{question} .comment--pending")).to_have_count(1)
    if javascript:
        expect(status).to_be_focused()


def test_a_comment_with_errors_lands_at_the_form_with_the_list_of_fixes(
    live_server, phone, long_post
):
    page = phone()
    page.goto(live_server.url + long_post.get_absolute_url())
    page.get_by_label("Comment", exact=True).fill("Is the bridge safe after a knee operation?")
    page.get_by_label("Email", exact=True).fill("not an address")
    page.get_by_role("button", name="Post Comment").click()

    errors = page.locator("#form-errors")
    expect(page).to_have_url(re.compile(r"#respond$"))
    expect(errors).to_be_in_viewport()
    expect(errors).to_be_focused()
    expect(errors.get_by_role("link", name="Email")).to_be_visible()
    expect(page.get_by_label("Comment", exact=True)).to_have_value(
        "Is the bridge safe after a knee operation?"
    )


def test_the_long_post_and_its_second_comment_page_are_accessible_and_valid(
    live_server, phone, long_post, axe, html_errors
):
    page = phone()
    url = live_server.url + long_post.get_absolute_url()
    sources = {}
    for name, address in (("page-1", url), ("page-2", f"{url}?cpage=2")):
        page.goto(address)
        assert axe(page) == [], name
        sources[name] = page.request.get(address).text()
    assert len(sources["page-1"].encode()) < 250 * 1024
    assert html_errors(sources) == []
