import re

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def thread(settings):
    settings.COMMENTS_MIN_FORM_SECONDS = 1
    post = make_post(title="Ten-minute hip reset")
    question = make_comment(post, author_name="Dana", body="Where should I feel the stretch?")
    make_comment(post, author_name="Wes", body="One year of mornings!")
    return post, question


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_visitor_replies_and_sees_it_nested_once_approved(live_server, browser, thread, javascript):
    post, question = thread
    page = browser.new_context(java_script_enabled=javascript).new_page()
    page.goto(live_server.url + post.get_absolute_url())
    expect(page.get_by_role("heading", name="2 Comments")).to_be_visible()

    page.locator(f"#comment-{question.pk}").get_by_role("link", name="Reply to Dana").click()

    expect(page.get_by_role("heading", name="Reply to Dana")).to_be_visible()
    form = page.locator("#comment-form")
    if javascript:
        # The form moved under the comment; the page did not reload.
        expect(page.locator(f"#comment-{question.pk} #comment-form")).to_have_count(1)
        expect(page.get_by_label("Comment", exact=True)).to_be_focused()
    else:
        expect(page).to_have_url(re.compile(rf"\?replyto={question.pk}#respond$"))
        expect(page.locator("#respond-quote")).to_contain_text("Where should I feel")
    form.get_by_label("Comment", exact=True).fill("In the outer hip, thank you! Knee is fine now.")
    form.get_by_label("Name", exact=True).fill("Łukasz")
    form.get_by_label("Email", exact=True).fill("lukasz@example.com")
    page.wait_for_timeout(1100)
    form.get_by_role("button", name="Post Comment").click()
    if not javascript:
        # The cached page's form had no token: it comes back once, text kept, to send again.
        expect(page.get_by_role("alert")).to_contain_text("press Post Comment once more")
        expect(page.get_by_label("Comment", exact=True)).to_have_value(
            "In the outer hip, thank you! Knee is fine now."
        )
        page.get_by_role("button", name="Post Comment").click()

    expect(page.get_by_role("status")).to_contain_text("Your comment is awaiting moderation")
    reply = Comment.objects.get(author_name="Łukasz")
    assert reply.parent_id == question.pk and reply.status == Comment.Status.PENDING
    mine = page.locator(f"#comment-{question.pk} #comment-{reply.pk}")
    expect(mine).to_contain_text("Your comment is awaiting moderation")
    expect(page.get_by_role("heading", name="2 Comments")).to_be_visible()

    reply.status = Comment.Status.APPROVED
    reply.save()  # as the admin's Approve does: the cached pages follow
    page.goto(live_server.url + post.get_absolute_url())

    expect(page.get_by_role("heading", name="3 Comments")).to_be_visible()
    nested = page.locator(f"#comment-{question.pk} > details.thread > #comment-{reply.pk}")
    expect(nested).to_contain_text("In the outer hip, thank you!")
    expect(nested).not_to_contain_text("awaiting moderation")


def test_a_returning_commenter_finds_their_details_filled_in_once_they_start(
    live_server, browser, thread
):
    post, _ = thread
    context = browser.new_context()
    page = context.new_page()
    page.goto(live_server.url + post.get_absolute_url())
    page.get_by_label("Comment", exact=True).fill("My first question, about the hips.")
    page.get_by_label("Name", exact=True).fill("Zoë")
    page.get_by_label("Email", exact=True).fill("zoe@example.com")
    page.get_by_label("Save my name").check()
    page.wait_for_timeout(1100)
    page.get_by_role("button", name="Post Comment").click()
    expect(page.get_by_role("status")).to_contain_text("awaiting moderation")

    page.goto(live_server.url + post.get_absolute_url())
    mine = Comment.objects.get(author_name="Zoë")
    expect(page.locator(f"#comment-{mine.pk}")).to_contain_text("Only you can see it for now")
    # Once her comment is no longer hers alone to see, she gets everyone's page.
    context.clear_cookies(name="own_comments")
    page.goto(live_server.url + post.get_absolute_url())
    name = page.get_by_label("Name", exact=True)
    expect(name).to_have_value("")  # the page is everyone's: nothing of hers in it
    page.get_by_label("Comment", exact=True).focus()

    expect(name).to_have_value("Zoë")
    expect(page.get_by_label("Email", exact=True)).to_have_value("zoe@example.com")
    expect(page.get_by_label("Save my name")).to_be_checked()
    context.close()


def test_cancel_reply_puts_the_form_back(live_server, page, csp_violations, thread):
    post, _ = thread
    page.goto(live_server.url + post.get_absolute_url())

    page.get_by_role("link", name="Reply to Dana").click()
    page.get_by_role("link", name="Cancel reply").click()

    expect(page.get_by_role("heading", name="Leave a Reply")).to_be_visible()
    expect(page.locator(".comments #comment-form")).to_have_count(0)
    assert page.locator("#id_parent").input_value() == ""
    assert csp_violations == []


def test_errors_are_announced_and_the_text_is_kept(live_server, page, axe, thread):
    post, _ = thread
    page.goto(live_server.url + post.get_absolute_url())

    page.get_by_label("Comment", exact=True).fill("My question about the bridge pose")
    page.get_by_label("Email", exact=True).fill("not an email")
    page.get_by_role("button", name="Post Comment").click()

    expect(page.get_by_role("alert")).to_contain_text("Your comment was not sent yet")
    expect(page.get_by_label("Email", exact=True)).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Comment", exact=True)).to_have_value(
        "My question about the bridge pose"
    )
    assert axe(page) == []


def test_post_page_with_comments_is_accessible(live_server, page, axe, thread):
    post, question = thread
    page.goto(f"{live_server.url}{post.get_absolute_url()}?replyto={question.pk}")

    expect(page.locator("#respond-quote")).to_be_visible()
    assert axe(page) == []
