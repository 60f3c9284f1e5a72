import re
from datetime import UTC
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone
from playwright.sync_api import expect

from blog.models import Author, Post
from comments.models import Comment
from tests.weebly_site_fixture import serve, story_site
from transfer import wxr

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WXR = Path(__file__).parent.parent / "data" / "wxr" / "movewell-1.2.xml"
TITLE = "Three hip openers for desk days"
CREATED = "2 created (draft), 2 created (published), 1 created (scheduled)"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


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


def sign_in(page, live_server, username, password):
    page.goto(live_server.url + "/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_therapist_imports_a_wordpress_blog_and_downloads_everything(
    live_server, page, axe, csp_violations, dana, size
):
    page.set_viewport_size(size)
    sign_in(page, live_server, "dana", "sunrise-hamstring-kettle")

    page.get_by_role("link", name="Import a blog").click()
    page.get_by_label("File").set_input_files(WXR)
    page.get_by_role("button", name="Preview").click()

    expect(page.get_by_role("heading", name="Preview: nothing is stored yet")).to_be_visible()
    # A long preview's Import button is at the top, in view without scrolling.
    report = page.get_by_role("region", name="Preview: nothing is stored yet")
    expect(report.get_by_role("button", name="Import")).to_be_in_viewport()
    thread = page.locator("h3", has_text=TITLE).locator("+ .import-outline")
    reply = thread.locator(":scope > li", has_text="Marta Kowalczyk").locator(".import-outline")
    expect(reply.first).to_contain_text("Dana Reyes Author")  # the site's badge
    expect(reply.first.locator(".badge")).to_have_text("Author")
    # Times as the blog's clock showed them (America/Denver, the site's zone): 00:45 UTC.
    expect(thread).to_contain_text("Marta Kowalczyk, 2024-03-13 18:45: That fixed it")
    expect(page.get_by_text("Comment times are America/Denver time.")).to_be_visible()
    expect(page.get_by_text("Kept from your preview: movewell-1.2.xml.")).to_be_visible()
    assert not Post.objects.exists()
    assert axe(page) == []

    report.get_by_role("button", name="Import").click()

    expect(page.get_by_role("heading", name="Imported", exact=True)).to_be_visible()
    expect(page.get_by_text(f"Posts: {CREATED}")).to_be_visible()
    scheduled = page.locator("li", has=page.get_by_role("link", name="Hip hinge week"))
    expect(scheduled).to_contain_text("— scheduled for Jan. 6, 2031")
    # Checked here, on the admin's pages: the imported post's pictures still point at the
    # old site, which the CSP blocks.
    assert csp_violations == []
    assert axe(page) == []
    page.get_by_role("link", name=TITLE).click()

    post = Post.objects.get(title=TITLE)
    answer = Comment.objects.get(post=post, user=dana, parent__isnull=False)
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    nested = page.locator(f"#comment-{answer.parent_id} > details.thread > #comment-{answer.pk}")
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


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_therapist_imports_a_weebly_blog_by_its_address(
    live_server, page, axe, csp_violations, settings, tmp_path, size
):
    settings.IMPORT_CRAWL_DELAY = 0  # the blog is served from this machine
    settings.IMPORT_ALLOW_PRIVATE_ADDRESSES = True
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    wren = User.objects.create_user(
        "wren", "wren@wren-alder-pt.example", "lilac-plank-hallway", is_staff=True
    )
    wren.first_name, wren.last_name = "Wren", "Alder"
    wren.save()
    wren.groups.add(Group.objects.get(name="Therapist"))
    page.set_viewport_size(size)
    sign_in(page, live_server, "wren", "lilac-plank-hallway")
    story_site(tmp_path / "site")

    with serve(tmp_path / "site") as blog:
        page.get_by_role("link", name="Import a blog").click()
        page.get_by_label("Or the old blog’s address").fill(f"{blog.url}/blog")
        page.get_by_role("button", name="Preview").click()

        expect(page.get_by_role("heading", name=re.compile("^Previewing"))).to_be_visible()
        preview = page.get_by_role("heading", name="Preview: nothing is stored yet")
        expect(preview).to_be_visible(timeout=60_000)
        report = page.get_by_role("region", name="Preview: nothing is stored yet")
        expect(report.get_by_role("button", name="Import")).to_be_in_viewport()
        thread = page.locator("h3", has_text="Hip hinge with a broom handle")
        answer = thread.locator("+ .import-outline > li").first.locator(".import-outline > li")
        expect(answer.first).to_contain_text("Wren Author, 2012-10-25 14:40: Tamsin,")
        assert not Post.objects.exists()
        assert axe(page) == []

        report.get_by_role("button", name="Import").click()

        imported = page.get_by_role("heading", name="Imported", exact=True)
        expect(imported).to_be_visible(timeout=60_000)
    assert csp_violations == []
    page.get_by_role("link", name="Hip hinge with a broom handle").click()

    expect(
        page.get_by_role("heading", name="Hip hinge with a broom handle", level=1)
    ).to_be_visible()
    answers = page.locator(".comment--author")
    expect(answers).to_have_count(36)
    expect(answers.first.locator(".badge").first).to_have_text("Author")
    # Her pictures are this site's own now.
    lead = Post.objects.get(title="Hip hinge with a broom handle").lead_image
    assert lead.name.startswith("imported/")
