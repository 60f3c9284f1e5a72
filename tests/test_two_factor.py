"""Two-factor sign-in for staff (staffauth/): with ADMIN_REQUIRE_2FA on, a right password
for a superuser, a Therapist member or staff who can read commenters' addresses or change
users leads to the second step, never to the admin."""

import re
from base64 import b32decode
from collections import namedtuple
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import CommandError, call_command
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from staffauth.views import PENDING

Setup = namedtuple("Setup", "secret codes")

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-pass-phrase"
LOGIN = "/admin/login/?next=/admin/"
SECOND = "/admin/two-factor/"
SETUP = "/admin/two-factor/setup/"


@pytest.fixture(autouse=True)
def required(settings):
    settings.ADMIN_REQUIRE_2FA = True


@pytest.fixture
def boss():
    return User.objects.create_superuser("boss", "boss@example.com", PASSWORD)


@pytest.fixture
def maren():
    user = User.objects.create_user("maren", "maren@example.com", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Therapist"))
    return user


@pytest.fixture
def helper():
    """Staff, neither a superuser nor in the Therapist group."""
    return User.objects.create_user("pip", "pip@example.com", PASSWORD, is_staff=True)


def password(client, user, secret=PASSWORD):
    return client.post(LOGIN, {"username": user.username, "password": secret})


def code_now(secret, drift=0):
    """What the authenticator app shows for the key the setup page gave as text."""
    return f"{totp(b32decode(secret.replace(' ', '')), drift=drift):06d}"


def shown_secret(client):
    """The key the setup page shows as text."""
    return re.search(r'id="two-factor-secret">([A-Z2-7 ]+)<', client.get(SETUP).text)[1]


def set_up(client, user):
    """Password, then the setup page's key typed into an app: signed in. The key as text and
    the backup codes."""
    assert password(client, user)["Location"] == SETUP
    secret = shown_secret(client)
    shown = client.post(SETUP, {"code": code_now(secret)})
    assert shown.status_code == 200
    return Setup(secret, re.findall(r"<li><code>([a-z2-7]+)</code></li>", shown.content.decode()))


def signed_in(client):
    return client.get("/admin/").status_code == 200


def sign_out(client):
    client.post("/admin/logout/")


@pytest.mark.parametrize("who", ["boss", "maren"])
def test_a_right_password_alone_never_reaches_the_admin(client, who, request):
    user = request.getfixturevalue(who)

    first = password(client, user)

    assert first.status_code == 302 and first["Location"] == SETUP
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/comments/comment/")["Location"].startswith("/admin/login/")
    assert client.get("/admin/transfer/import/").status_code == 302


def test_setting_up_an_app_signs_in_and_shows_backup_codes_once(client, maren):
    password(client, maren)
    page = client.get(SETUP).text
    assert "<svg" in page and "<title>QR code</title>" in page

    codes = set_up(client, maren).codes

    assert len(codes) == 10 and len(set(codes)) == 10
    assert signed_in(client)
    assert TOTPDevice.objects.get(user=maren).confirmed
    # The setup page, once done, leads to the admin and shows no new secret or codes.
    assert client.get(SETUP)["Location"] == "/admin/"


def test_with_an_app_the_password_leads_to_the_second_step(client, maren):
    secret = set_up(client, maren).secret
    sign_out(client)

    assert password(client, maren)["Location"] == SECOND
    assert not signed_in(client)
    # The code of the next period: the setup's own code cannot be used twice.
    answer = client.post(SECOND, {"code": code_now(secret, drift=1)})

    assert answer.status_code == 302 and answer["Location"] == "/admin/"
    assert signed_in(client)


def test_a_backup_code_works_once(client, boss):
    codes = set_up(client, boss).codes
    sign_out(client)

    password(client, boss)
    assert client.post(SECOND, {"code": codes[0].upper()})["Location"] == "/admin/"
    assert signed_in(client)
    sign_out(client)

    password(client, boss)
    again = client.post(SECOND, {"code": codes[0]})

    assert again.status_code == 200 and "That code is not right" in again.content.decode()
    assert not signed_in(client)
    assert StaticToken.objects.filter(device__user=boss).count() == 9


def test_wrong_codes_lock_the_account_out(client, maren, settings):
    codes = set_up(client, maren).codes
    sign_out(client)
    password(client, maren)

    answers = [client.post(SECOND, {"code": "000000"}) for _ in range(settings.AXES_FAILURE_LIMIT)]

    assert [a.status_code for a in answers[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert answers[-1].status_code == 429
    # Neither a right code nor the password gets in now.
    assert client.post(SECOND, {"code": codes[1]}).status_code == 429
    assert not signed_in(client)
    assert password(client, maren).status_code == 429
    assert not signed_in(client)


def test_the_password_again_does_not_buy_more_guesses(client, maren, settings):
    set_up(client, maren)
    sign_out(client)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        password(client, maren)
        client.post(SECOND, {"code": "000000"})

    password(client, maren)
    last = client.post(SECOND, {"code": "000000"})

    assert last.status_code == 429
    assert not signed_in(client)


def test_a_session_signed_in_without_the_second_step_has_no_staff_power(client, boss):
    """As one begun before the setting was turned on."""
    client.force_login(boss)

    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert 'id="staff-bar"' not in client.get("/").content.decode()


def test_the_reset_command_removes_the_devices(client, maren):
    set_up(client, maren)
    sign_out(client)
    out = StringIO()

    call_command("reset_two_factor", "maren", stdout=out)

    assert "Removed 2 two-factor device(s) of maren" in out.getvalue()
    assert password(client, maren)["Location"] == SETUP
    out = StringIO()
    call_command("reset_two_factor", "maren", stdout=out)
    assert "had no two-factor device" in out.getvalue()


def test_the_reset_command_names_an_unknown_user(db):
    with pytest.raises(CommandError, match="No user is named 'nobody'"):
        call_command("reset_two_factor", "nobody")


def test_a_reset_ends_the_sessions_it_verified(client, maren):
    set_up(client, maren)
    assert signed_in(client)

    call_command("reset_two_factor", "maren", stdout=StringIO())

    assert not signed_in(client)


def test_with_the_setting_off_the_password_signs_in(client, maren, settings):
    settings.ADMIN_REQUIRE_2FA = False

    answer = password(client, maren)

    assert answer.status_code == 302 and answer["Location"] == "/admin/"
    assert signed_in(client)


def test_staff_not_required_sign_in_with_a_password(client, helper):
    assert password(client, helper)["Location"] == "/admin/"
    assert signed_in(client)


def test_staff_not_required_may_choose_an_app_which_is_then_asked(client, helper):
    password(client, helper)
    secret = shown_secret(client)
    assert client.post(SETUP, {"code": code_now(secret)}).status_code == 200
    sign_out(client)

    assert password(client, helper)["Location"] == SECOND
    assert not signed_in(client)


def test_the_second_step_without_a_password_goes_back_to_sign_in(client, maren):
    assert client.get(SECOND)["Location"] == "/admin/login/"
    assert client.get(SETUP)["Location"] == "/admin/login/"
    assert client.post(SECOND, {"code": "123456"})["Location"] == "/admin/login/"


def test_a_half_done_sign_in_expires(client, maren):
    password(client, maren)
    session = client.session
    session[PENDING] = {**session[PENDING], "since": 0}
    session.save()

    assert client.get(SETUP)["Location"] == "/admin/login/"


@pytest.mark.parametrize("code", ["", "x" * 1000, "１２３４５６", "\x00", "12 34 56"])
def test_odd_codes_get_a_message(client, maren, code):
    set_up(client, maren)
    sign_out(client)
    password(client, maren)

    answer = client.post(SECOND, {"code": code})

    assert answer.status_code == 200
    assert 'class="errorlist' in answer.content.decode()
    assert not signed_in(client)


def test_production_asks_for_two_factors_by_default(site_settings, monkeypatch):
    monkeypatch.delenv("ADMIN_REQUIRE_2FA", raising=False)

    assert site_settings()["ADMIN_REQUIRE_2FA"] is True
    assert site_settings(DJANGO_DEBUG="1")["ADMIN_REQUIRE_2FA"] is False
    assert site_settings(ADMIN_REQUIRE_2FA="0")["ADMIN_REQUIRE_2FA"] is False


def test_the_pages_are_valid_html(client, maren, html_errors):
    password(client, maren)
    pages = {"setup": client.get(SETUP).text}
    set_up(client, maren)
    sign_out(client)
    password(client, maren)
    pages["second"] = client.post(SECOND, {"code": "000000"}).text

    assert html_errors(pages) == []


def grant(user, permission):
    app_label, codename = permission.split(".")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label=app_label, codename=codename)
    )


@pytest.mark.parametrize("permission", ["comments.view_comment", "auth.change_user"])
def test_staff_who_can_read_addresses_or_change_users_need_two_factors(client, helper, permission):
    grant(helper, permission)

    assert password(client, helper)["Location"] == SETUP
    assert not signed_in(client)


def test_a_permission_given_through_another_group_needs_two_factors(client, helper):
    group = Group.objects.create(name="Moderators")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="comments", codename="view_comment")
    )
    helper.groups.add(group)
    client.force_login(helper)

    assert client.get("/admin/")["Location"].startswith("/admin/login/")
    assert 'id="staff-bar"' not in client.get("/").text


def test_a_setup_key_seen_in_another_session_is_never_confirmed(client, maren):
    """Someone with only the password opens the setup page first; the therapist then sets up
    her app. The key the other person saw gives no way in."""
    intruder = Client()
    password(intruder, maren)
    seen = shown_secret(intruder)

    mine = set_up(client, maren).secret
    sign_out(client)

    assert mine != seen
    password(intruder, maren)
    intruder.post(SECOND, {"code": code_now(seen, drift=1)})
    assert not signed_in(intruder)
    assert TOTPDevice.objects.filter(user=maren).count() == 1


def test_a_setup_key_is_confirmed_only_in_the_session_it_was_shown_to(client, maren):
    intruder = Client()
    password(intruder, maren)
    seen = shown_secret(intruder)
    password(client, maren)
    mine = shown_secret(client)

    late = intruder.post(SETUP, {"code": code_now(seen)})

    assert mine != seen
    assert "That code is not right" in late.text
    assert not signed_in(intruder)
    assert not TOTPDevice.objects.filter(user=maren, confirmed=True).exists()


def test_reloading_the_setup_page_keeps_its_key(client, maren):
    password(client, maren)

    assert shown_secret(client) == shown_secret(client)


def test_a_password_changed_meanwhile_ends_a_half_done_sign_in(client, maren):
    secret = set_up(client, maren).secret
    sign_out(client)
    password(client, maren)

    maren.set_password("another-long-phrase")
    maren.save()

    answer = client.post(SECOND, {"code": code_now(secret, drift=1)})
    assert answer.status_code == 302 and answer["Location"] == "/admin/login/"
    assert not signed_in(client)


def test_a_password_changed_meanwhile_ends_a_half_done_setup(client, maren):
    password(client, maren)
    secret = shown_secret(client)

    maren.set_password("another-long-phrase")
    maren.save()

    assert client.post(SETUP, {"code": code_now(secret)})["Location"] == "/admin/login/"
    assert not TOTPDevice.objects.filter(user=maren, confirmed=True).exists()


def test_the_session_key_changes_at_both_steps(client, maren):
    """A session id planted before the sign-in is worth nothing after either step."""
    secret = set_up(client, maren).secret
    sign_out(client)
    client.get(LOGIN)
    planted = client.session.session_key

    password(client, maren)
    halfway = client.session.session_key
    client.post(SECOND, {"code": code_now(secret, drift=1)})

    assert signed_in(client)
    assert len({planted, halfway, client.session.session_key}) == 3


def test_the_session_key_changes_when_the_setup_signs_in(client, maren):
    password(client, maren)
    halfway = client.session.session_key
    client.post(SETUP, {"code": code_now(shown_secret(client))})

    assert signed_in(client)
    assert client.session.session_key != halfway


@pytest.mark.parametrize("url", ["/admin/password_change/", "/admin/transfer/import/"])
def test_a_half_done_sign_in_reaches_no_admin_page(client, maren, url):
    password(client, maren)

    answer = client.get(url)

    assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", ["/admin/password_change/", "/admin/transfer/download/"])
def test_a_session_without_the_second_step_reaches_no_admin_page(client, boss, url):
    client.force_login(boss)

    answer = client.get(url)

    assert answer.status_code == 302 and answer["Location"].startswith("/admin/login/")
    assert client.post(url, {}).status_code == 302
