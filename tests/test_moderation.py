import pytest
from django.contrib.auth.models import User

from comments.models import BlockedTerm, Comment
from comments.moderation import Submission, is_flooding, judge
from tests.factories import make_author, make_comment, make_post

pytestmark = pytest.mark.django_db


def submission(**fields):
    return Submission(
        **{
            "name": "Priya",
            "email": "priya@example.com",
            "url": "",
            "body": "Thank you for the clear pictures.",
            "ip_address": "198.51.100.20",
            "form_seconds": 40.0,
            **fields,
        }
    )


@pytest.fixture
def known():
    """Priya has had a comment approved before."""
    return make_comment(make_post(), author_name="Priya", author_email="priya@example.com")


def test_first_comment_from_an_address_waits():
    verdict = judge(submission())

    assert verdict.status == Comment.Status.PENDING
    assert verdict.reason == "first comment under this name and email"


def test_a_pending_or_spam_comment_does_not_make_you_known():
    make_comment(make_post(), author_email="priya@example.com", status="pending")
    make_comment(make_post(), author_email="priya@example.com", status="spam")

    assert judge(submission()).status == Comment.Status.PENDING


def test_known_address_is_approved(known):
    assert judge(submission()).status == Comment.Status.APPROVED


def test_a_known_name_is_matched_whatever_its_case(known):
    assert judge(submission(name="PRIYA")).status == Comment.Status.APPROVED


def test_a_known_email_under_another_name_waits(known):
    verdict = judge(submission(name="Mallory"))

    assert verdict.status == Comment.Status.PENDING
    assert verdict.reason == "first comment under this name and email"


@pytest.fixture
def maren():
    """The therapist, with an author profile and an author reply already published."""
    user = User.objects.create_user(
        "maren", "maren@example.com", is_staff=True, first_name="Maren", last_name="Olsen"
    )
    make_author(user=user, name="Dr. Maren Olsen, PT")
    make_comment(make_post(), author_name="Dr. Maren Olsen, PT", author_email=user.email, user=user)
    return user


@pytest.mark.parametrize(
    ("name", "email"),
    [
        ("Dr. Maren Olsen, PT", "maren@example.com"),
        ("Priya", "maren@example.com"),
        ("maren  olsen", "someone@example.com"),
        ("MAREN", "someone@example.com"),
        ("Dr. Maren Olsen, PT", "someone@example.com"),
        ("Jo Byline", "someone@example.com"),
    ],
)
def test_a_comment_signed_out_under_a_staff_name_or_email_waits(known, maren, name, email):
    make_author(name="Jo Byline")

    verdict = judge(submission(name=name, email=email))

    assert verdict.status == Comment.Status.PENDING
    assert verdict.reason == "uses the name or email of the staff"


def test_the_therapist_signed_in_is_published(maren):
    verdict = judge(submission(name="Dr. Maren Olsen, PT", email=maren.email, user=maren))

    assert verdict.status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("body", "url", "status"),
    [
        ("See https://example.org/a", "", "approved"),
        ("See https://example.org/a and http://example.org/b", "", "pending"),
        ("See www.example.org/a and https://www.example.org/b", "", "pending"),
        ("One video: https://www.example.org/watch?v=1", "https://www.example.org/", "approved"),
    ],
)
def test_two_links_or_more_wait(known, body, url, status):
    assert judge(submission(body=body, url=url)).status == status


def test_link_limit_comes_from_settings(known, settings):
    settings.COMMENTS_MAX_LINKS = 3
    two = "https://example.org/a https://example.org/b"
    assert judge(submission(body=two)).status == Comment.Status.APPROVED
    settings.COMMENTS_MAX_LINKS = 0
    assert judge(submission(body=two * 5)).status == Comment.Status.APPROVED


@pytest.mark.parametrize(
    ("kind", "value", "fields"),
    [
        ("word", "casino", {"body": "Best CASINO bonus"}),
        ("word", "cheap pills", {"name": "Cheap Pills Online"}),
        ("email", "priya@example.com", {}),
        ("email", "@spam.example", {"email": "bot@spam.example"}),
        ("ip", "198.51.100.20", {}),
        ("ip", "198.51.100.0/24", {}),
        ("ip", "2001:db8::/32", {"ip_address": "2001:db8::7"}),
    ],
)
def test_blocklist_marks_spam(known, kind, value, fields):
    BlockedTerm.objects.create(kind=kind, value=value)

    verdict = judge(submission(**fields))

    assert verdict.status == Comment.Status.SPAM
    assert verdict.reason == "matches the blocklist"


def test_blocklist_leaves_others_alone(known):
    BlockedTerm.objects.create(kind="ip", value="203.0.113.0/24")
    BlockedTerm.objects.create(kind="email", value="@spam.example")
    BlockedTerm.objects.create(kind="ip", value="not a network")

    assert judge(submission()).status == Comment.Status.APPROVED


def test_honeypot_marks_spam(known):
    assert judge(submission(honeypot="http://spam.example")).status == Comment.Status.SPAM


@pytest.mark.parametrize("seconds", [None, 0.4, 2.9])
def test_form_sent_too_fast_or_without_our_stamp_is_spam(known, seconds):
    verdict = judge(submission(form_seconds=seconds))

    assert verdict.status == Comment.Status.SPAM
    assert verdict.reason == "sent faster than a person types"


@pytest.mark.parametrize("seconds", [None, 0.4, 2.9])
def test_a_form_sent_again_at_once_when_asked_to_waits_and_is_not_spam(known, seconds):
    verdict = judge(submission(form_seconds=seconds, resent=True))

    assert verdict.status == Comment.Status.PENDING
    assert verdict.reason == "sent again at once when asked to"


def test_a_form_sent_again_is_still_spam_with_the_honeypot_or_the_blocklist(known):
    BlockedTerm.objects.create(kind="word", value="casino")

    quick = {"resent": True, "form_seconds": 0.4}
    assert judge(submission(**quick, honeypot="x")).status == Comment.Status.SPAM
    assert judge(submission(**quick, body="casino")).status == Comment.Status.SPAM
    assert judge(submission(resent=True, form_seconds=9.0)).status == Comment.Status.APPROVED


def test_form_speed_limit_comes_from_settings(known, settings):
    settings.COMMENTS_MIN_FORM_SECONDS = 0
    assert judge(submission(form_seconds=None)).status == Comment.Status.APPROVED


def test_staff_skip_moderation():
    staff = User.objects.create_user("maren", is_staff=True)

    verdict = judge(submission(user=staff, body="https://a.example https://b.example"))

    assert verdict.status == Comment.Status.APPROVED


def test_flood_by_ip_or_by_email(settings):
    settings.COMMENTS_FLOOD_SECONDS = 15
    make_comment(make_post(), author_email="priya@example.com", ip_address="198.51.100.20")

    assert is_flooding("198.51.100.20", "other@example.com")
    assert is_flooding("203.0.113.1", "priya@example.com")
    assert not is_flooding("203.0.113.1", "other@example.com")
    assert not is_flooding("198.51.100.20", "x@example.com", User(is_staff=True))
    settings.COMMENTS_FLOOD_SECONDS = 0
    assert not is_flooding("198.51.100.20", "priya@example.com")
