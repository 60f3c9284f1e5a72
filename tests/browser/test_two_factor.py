"""The therapist sets up two-step sign-in as she meets it: password, the QR page (its key
typed into an "app" here), backup codes, the admin; then signs in with a backup code."""

from base64 import b32decode

import pytest
from django.contrib.auth.models import Group, User
from django_otp.oath import totp
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "wasatch-tea-thermos"


@pytest.fixture
def maren(settings):
    settings.ADMIN_REQUIRE_2FA = True
    user = User.objects.create_user("maren", "maren@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Therapist"))
    return user


def sign_in(page, url):
    page.goto(url + "/admin/")
    page.get_by_label("Username").fill("maren")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_therapist_sets_up_an_app_and_later_uses_a_backup_code(
    live_server, page, axe, csp_violations, maren
):
    sign_in(page, live_server.url)

    expect(page.get_by_role("heading", name="Set up two-step sign-in")).to_be_visible()
    expect(page.get_by_role("img", name="QR code")).to_be_visible()
    assert axe(page) == []
    secret = page.locator("#two-factor-secret").inner_text()
    # Scanned, then the page reloaded: the app's entry still matches.
    page.reload()
    expect(page.locator("#two-factor-secret")).to_have_text(secret)
    page.get_by_label("Code").fill(f"{totp(b32decode(secret.replace(' ', ''))):06d}")
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Your backup codes")).to_be_visible()
    codes = page.locator("#backup-codes code").all_inner_texts()
    assert len(codes) == 10
    assert axe(page) == []
    page.get_by_role("link", name="continue to the admin").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    sign_in(page, live_server.url)
    expect(page.get_by_role("heading", name="Second step")).to_be_visible()
    assert axe(page) == []
    page.get_by_label("Code").fill(codes[0])
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    assert csp_violations == []
