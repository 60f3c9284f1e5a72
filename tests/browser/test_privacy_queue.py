"""As the reader and the therapist meet them: the privacy notice,
erasing a commenter's data, and the moderation queue on a phone."""

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import expect

from comments.models import Comment
from tests.factories import make_comment, make_post

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
PASSWORD = "wasatch-tea-thermos"


@pytest.fixture
def maren():
    user = User.objects.create_user("maren", "maren@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Therapist"))
    return user


@pytest.fixture
def queue():
    """Pending and approved comments, with the long names and addresses readers use."""
    post = make_post(title="The Ten-Minute Hip and Spine Reset, with a Long Title")
    question = make_comment(post, author_name="Hiroshi Sato", body="Found this years later.")
    make_comment(
        post,
        parent=question,
        status="pending",
        author_name="Tomás Rivera-Castellanos",
        author_email="tomas.rivera-castellanos@physio-clinic.example.com",
        author_url="https://tomas-rivera-castellanos.example.com/blog/",
        body="Same question here. My knees click in the figure four, should I worry? " * 3,
    )
    make_comment(
        post,
        status="pending",
        author_name="Hannah Okafor",
        author_email="hannah@example.com",
        body="Is the supported bridge safe eight weeks after a C-section?",
        ip_address="2001:db8:85a3::8a2e:370:7334",
    )
    return post


def sign_in(page, url, next_path):
    page.goto(f"{url}/admin/login/?next={next_path}")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{url}{next_path}")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_on_a_phone_every_rows_buttons_are_on_screen(
    live_server, browser, maren, queue, axe, scheme
):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    sign_in(page, live_server.url, "/admin/comments/comment/")

    expect(page.get_by_role("heading", level=1)).to_have_text("Comments")
    assert page.title().startswith("Comments |")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(3)
    for n in range(3):
        row = rows.nth(n)
        for name in ("Approve", "Mark as spam", "Remove"):
            buttons = row.get_by_role("button", name=name, exact=True)
            if buttons.count() == 0:
                continue  # an approved comment has no Approve
            box = buttons.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (n, name, box)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert (
        page.evaluate("document.querySelector('#changelist .results').scrollWidth")
        <= (PHONE["width"])
    )
    assert axe(page) == []
    context.close()


LIGHT = ["rgb(31, 79, 75)", "rgb(255, 255, 255)"]  # the site's teal header, white page
DARK = ["rgb(28, 35, 36)", "rgb(20, 25, 26)"]  # its dark card and paper


# The browser's preference, then the admin's theme button choosing against it.
@pytest.mark.parametrize(
    "scheme, theme, expected",
    [
        ("light", None, LIGHT),
        ("dark", None, DARK),
        ("dark", "light", LIGHT),
        ("light", "dark", DARK),
    ],
)
def test_the_admin_wears_the_sites_colours(
    live_server, browser, maren, queue, scheme, theme, expected
):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    sign_in(page, live_server.url, "/admin/comments/comment/")
    if theme:
        page.evaluate("theme => localStorage.setItem('theme', theme)", theme)
        page.reload()

    colours = page.evaluate(
        "() => [getComputedStyle(document.querySelector('#header')).backgroundColor,"
        " getComputedStyle(document.body).backgroundColor]"
    )

    assert colours == expected
    context.close()


def test_the_therapist_erases_a_commenters_data_on_a_phone(live_server, browser, maren, queue, axe):
    hannah = Comment.objects.get(author_name="Hannah Okafor")
    make_comment(make_post(title="Knee circles"), author_email="HANNAH@example.com")
    page = browser.new_context(viewport=PHONE).new_page()
    sign_in(page, live_server.url, "/admin/comments/comment/")

    page.locator("tr", has_text="Hannah Okafor").get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label="Erase commenter's data")
    page.get_by_role("button", name="Go").click()

    expect(page.locator("#erase-summary")).to_contain_text("2 comments on 2 posts")
    assert axe(page) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    page.get_by_label("Anonymize", exact=False).check()
    page.get_by_role("button", name="Erase their data").click()

    expect(page.locator(".messagelist")).to_contain_text(
        "Erased: 2 comments of hannah@example.com anonymized."
    )
    hannah.refresh_from_db()
    assert (hannah.author_name, hannah.author_email, hannah.ip_address) == ("Anonymous", "", None)
    reader = browser.new_context().new_page()
    reader.goto(live_server.url + queue.get_absolute_url())
    expect(reader.locator("#comments")).not_to_contain_text("Hannah Okafor")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_privacy_notice_is_linked_readable_and_valid(
    live_server, browser, axe, html_errors, scheme
):
    post = make_post(title="Hip reset")
    page = browser.new_context(viewport=PHONE, color_scheme=scheme).new_page()
    page.goto(live_server.url + post.get_absolute_url())

    page.locator("#comment-form").get_by_role("link", name="privacy notice").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Privacy notice")
    expect(page.get_by_role("heading", name="For how long")).to_be_visible()
    expect(page.locator("#how-long + ul")).to_contain_text("90 days after it was sent")
    expect(
        page.get_by_role("contentinfo").get_by_role("link", name="Privacy notice")
    ).to_be_visible()
    assert axe(page) == []
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    if scheme == "light":
        assert html_errors({"privacy": page.request.get(page.url).text()}) == []
