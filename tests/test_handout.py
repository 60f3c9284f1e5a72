"""On the server: the printed handout ends with the post's address, in words
and as a QR code drawn here (the print layout itself: tests/browser/test_handout.py)."""

import re

import pytest
import segno
from bs4 import BeautifulSoup

from tests.factories import make_comment, make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db


@pytest.fixture
def post():
    post = make_post(title="Ten-minute hip reset", slug="ten-minute-hip-reset")
    make_step(post, make_exercise(name="Constructive rest", hold_seconds=60))
    make_comment(post, body="How long should I hold the twist?")
    return post


def handout(client, post):
    html = client.get(post.get_absolute_url()).content.decode()
    return BeautifulSoup(html, "html.parser").select_one("article.post .handout-footer")


def qr_modules(svg):
    """The dark modules of segno's inline SVG, read back from its path: each `h` draws a run
    of modules along the row the pen is on, `m` moves the pen relative to where it is."""
    size = int(svg["viewbox"].split()[2])
    dark = [[False] * size for _ in range(size)]
    x = y = 0.0
    for command, first, second in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", svg.path["d"]):
        if command == "M":
            x, y = float(first), float(second)
        elif command == "m":
            x, y = x + float(first), y + float(second)
        else:
            run = int(float(first))
            for column in range(int(x), int(x) + run):
                dark[int(y)][column] = True
            x += run
    return dark


def segno_modules(text, border=4):
    """What segno makes of `text`, as a grid of dark modules with the quiet zone round it."""
    matrix = segno.make_qr(text, error="m").matrix
    size = len(matrix) + 2 * border
    dark = [[False] * size for _ in range(size)]
    for row, values in enumerate(matrix):
        for column, value in enumerate(values):
            dark[row + border][column + border] = bool(value)
    return dark


def test_the_handout_ends_with_the_posts_address_and_a_qr_code_of_it(client, post):
    address = "http://testserver" + post.get_absolute_url()

    footer = handout(client, post)

    assert "handout-only" in footer["class"]  # printed, never on screen (static/css/print.css)
    assert footer.select_one(".handout-footer__address").get_text(strip=True) == address
    svg = footer.select_one("svg.qr")
    assert svg.title.get_text() == "QR code of this page’s address"
    # A QR code carries no text to compare: its modules are checked against the code of the
    # address, and they are not just any code (another post's differs).
    modules = qr_modules(svg)
    assert modules == segno_modules(address)
    assert modules != segno_modules(address.replace("ten-minute", "five-minute"))


def test_the_qr_code_obeys_the_pages_content_security_policy(client, post):
    response = client.get(post.get_absolute_url())
    footer = BeautifulSoup(response.content.decode(), "html.parser").select_one(".handout-footer")

    directives = response["Content-Security-Policy"].split(";")
    policy = dict(directive.strip().split(" ", 1) for directive in directives)
    assert policy["style-src"] == policy["script-src"] == "'self'"
    assert not footer.select("[style], style, img, script")
    assert "data:" not in str(footer)


def test_every_visitor_gets_the_same_handout(client, post, admin_client):
    """The page is cached for everyone: nothing in the handout may belong to one visitor."""
    stranger = handout(client, post)
    client.cookies["comment_author"] = "Dana"
    returning = handout(client, post)
    staff = handout(admin_client, post)

    assert str(stranger) == str(returning) == str(staff)
    assert "csrf" not in str(stranger) and "Dana" not in str(stranger)


def test_a_post_without_a_sequence_still_prints_its_address(client):
    post = make_post(title="Notes from the kitchen table office")

    footer = handout(client, post)

    assert (
        footer.select_one(".handout-footer__address")
        .get_text(strip=True)
        .endswith(post.get_absolute_url())
    )
    assert footer.select_one("svg.qr path")
