import re

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import make_comment, make_post

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
    nested = page.locator(f"#comment-{question.pk} > #comment-{reply.pk}")
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
    expect(page.locator("#steps-group tbody tr.form-row:not(.empty-form)")).to_have_count(2)
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
    nested = reader.locator(f"#comment-{question.pk} > #comment-{answer.pk}")
    expect(nested).to_contain_text("Ten each way works for me.")
    expect(nested).to_have_class(re.compile("depth-1"))
    reading.close()
