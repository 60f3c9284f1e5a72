import re
from datetime import UTC
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import Author, Post
from comments.models import Comment
from transfer import wxr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WXR = Path(__file__).parent.parent / "data" / "wxr" / "movewell-1.2.xml"
TITLE = "Three hip openers for desk days"


@pytest.fixture
def dana():
    """The WXR file's author, in the Therapist group."""
    user = User.objects.create_user(
        "dana",
        "dana@movewell-pt.example",
        "sunrise-hamstring-kettle",
        is_staff=True,
        first_name="Dana",
        last_name="Reyes",
    )
    user.groups.add(Group.objects.get(name="Therapist"))
    Author.objects.create(user=user, name="Dana Reyes", slug="dana-reyes", bio="PT.")
    return user


def test_therapist_imports_a_wordpress_blog_and_downloads_everything(
    live_server, page, axe, csp_violations, dana
):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill("dana")
    page.get_by_label("Password").fill("sunrise-hamstring-kettle")
    page.get_by_role("button", name="Log in").click()

    page.get_by_role("link", name="Import a blog").click()
    page.get_by_label("File").set_input_files(WXR)
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", name="Preview: nothing is stored yet")).to_be_visible()
    thread = page.locator("h3", has_text=TITLE).locator("+ .import-outline")
    reply = thread.locator(":scope > li", has_text="Marta Kowalczyk").locator(".import-outline")
    expect(reply.first).to_contain_text("Dana Reyes")
    expect(page.get_by_text("Kept from your preview: movewell-1.2.xml.")).to_be_visible()
    assert not Post.objects.exists()
    assert axe(page) == []

    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
    expect(page.get_by_text("Posts: 2 created (draft), 3 created (published)")).to_be_visible()
    # Checked here, on the admin's pages: the imported post's pictures still point at the
    # old site, which the CSP blocks.
    assert csp_violations == []
    page.get_by_role("link", name=TITLE).click()

    post = Post.objects.get(title=TITLE)
    answer = Comment.objects.get(post=post, user=dana)
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    nested = page.locator(f"#comment-{answer.parent_id} > #comment-{answer.pk}")
    expect(nested).to_contain_text("if your knees like it")
    expect(nested).to_have_class(re.compile("comment--author"))

    page.goto(live_server.url + "/admin/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download everything (WXR)").click()
    download = info.value
    assert download.suggested_filename == f"align-{timezone.localdate():%Y-%m-%d}.xml"
    exported = wxr.parse(Path(download.path()).read_bytes(), timezone=UTC)
    thread = next(record for record in exported.posts if record.title == TITLE).comments
    assert any(c.body.startswith("It can, if your knees like it.") for c in thread)
