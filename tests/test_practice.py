"""Practice mode's page as the server sends it: the sequence as a list, with the timings the
player reads (the player itself: tests/browser/test_practice.py)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import Post
from tests.factories import make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    post = make_post(title="Ten-minute hip reset")
    make_step(post, make_exercise(name="Constructive rest", hold_seconds=300), note="Settle in.")
    make_step(post, make_exercise(name="Figure four", each_side=True))
    make_step(
        post,
        make_exercise(name="Pelvic rocks", hold_seconds=5, repetitions=8, cautions="Go gently."),
    )
    make_step(post, make_exercise(name="Knee hug", each_side=True), hold_seconds=30)
    make_step(
        post,
        make_exercise(name="Clamshell", hold_seconds=0, each_side=True, repetitions=5),
        sets=3,
        repetitions=8,
        repetitions_max=10,
    )
    make_step(post, make_exercise(name="Roll to standing", hold_seconds=0))
    return post


def practice_url(post):
    return post.get_absolute_url() + "practice/"


def steps_in(html):
    """(name, hold, each side, sets, repetitions, at most) of each step, in page order."""
    found = []
    for attributes, name in re.findall(
        r'<li class="step" id="step-\d+"([^>]*)>.*?<h3><a [^>]*>([^<]+)</a>', html, re.S
    ):
        data = dict(re.findall(r'data-([\w-]+)="([^"]*)"', attributes))
        found.append(
            (name, *(data[key] for key in TIMING)),
        )
    return found


TIMING = ["hold", "each-side", "sets", "repetitions", "repetitions-max"]


def test_the_practice_page_lists_every_step_in_order_with_its_times(client, post):
    response = client.get(practice_url(post))

    assert response.status_code == 200
    html = response.content.decode()
    assert steps_in(html) == [
        ("Constructive rest", "300", "false", "1", "0", "0"),
        ("Figure four", "60", "true", "1", "0", "0"),
        ("Pelvic rocks", "5", "false", "1", "8", "0"),
        ("Knee hug", "30", "true", "1", "0", "0"),
        ("Clamshell", "0", "true", "3", "8", "10"),
        ("Roll to standing", "0", "false", "1", "0", "0"),
    ]
    assert '<h1><span class="screen-only">Practice: </span>Ten-minute hip reset</h1>' in html
    dosages = re.findall(r'<p class="dosage">([^<]+)</p>', html)
    assert dosages == [
        "Hold 5 minutes",
        "Hold 1 minute each side",
        "8 times, holding 5 seconds each time",
        "Hold 30 seconds each side",
        "3 x 8-10 each side",
    ]
    assert "Settle in." in html and "Go gently." in html
    assert f'href="{post.get_absolute_url()}"' in html  # back to the post
    scripts = re.findall(r'<script src="([^"]+)" defer></script>', html)
    assert scripts == ["/static/js/practice-aids.js", "/static/js/practice.js"]
    # The player, hidden until the script shows it, names the first step.
    assert "Step 1 of 6 · Constructive rest</p>" in html
    assert "Practice this sequence" not in html
    assert "{#" not in html and "#}" not in html  # no template comment shows as text


def test_the_post_page_links_to_its_practice_page(client, post):
    html = client.get(post.get_absolute_url()).content.decode()

    assert f'<a href="{practice_url(post)}">Practice this sequence</a>' in html


def test_a_post_without_steps_has_no_practice_page_and_no_link(client):
    post = make_post()

    assert client.get(practice_url(post)).status_code == 404
    assert "Practice this sequence" not in client.get(post.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "change",
    [
        {"status": Post.Status.DRAFT},
        {"published_at": timezone.now() + timedelta(days=2)},
    ],
    ids=["draft", "scheduled"],
)
def test_a_post_readers_cannot_see_has_no_practice_page(client, post, change):
    url = practice_url(post)
    Post.objects.filter(pk=post.pk).update(**change)

    assert client.get(url).status_code == 404


def test_a_wrong_date_in_the_address_is_not_found(client, post):
    local = timezone.localtime(post.published_at) - timedelta(days=1)
    url = f"/blog/{local:%Y/%m/%d}/{post.slug}/practice/"

    assert client.get(url).status_code == 404
    assert client.get(f"/blog/{local:%Y}/13/01/{post.slug}/practice/").status_code == 404


def test_a_staff_preview_has_no_practice_link(admin_client, post):
    Post.objects.filter(pk=post.pk).update(status=Post.Status.DRAFT)

    html = admin_client.get(f"/preview/{post.pk}/").content.decode()

    assert "Figure four" in html
    assert "Practice this sequence" not in html


def test_the_practice_page_is_cached_for_strangers_and_revalidated(
    client, post, django_assert_num_queries
):
    first = client.get(practice_url(post))
    with django_assert_num_queries(0):
        again = client.get(practice_url(post))
    unchanged = client.get(practice_url(post), HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.content == first.content
    assert unchanged.status_code == 304
