"""The admin's sequence builder on her imported 10-exercise post: what the page proposes,
what Save sequence stores (as proposed, reordered, with a card dropped or merged), the
page drawn again with every typed value when something is wrong, who may use it, and the
post's earlier text restored from its change page."""

import re

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User

from blog.models import Post, PostRevision, Step
from tests import sequence_fixture as ten
from tests.factories import make_post
from tests.sequence_fixture import import_ten_step_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(tmp_path, therapist):
    return import_ten_step_post(tmp_path)


def builder(post):
    return f"/admin/blog/post/{post.pk}/sequence/"


def change_page(post):
    return f"/admin/blog/post/{post.pk}/change/"


def sent_values(html):
    """What the sequence form sends as it is drawn: {name: value}, unticked boxes left out,
    as a browser sends it."""
    form = BeautifulSoup(html, "html.parser").select_one("#sequence-form")
    values = {}
    for field in form.select("input, select, textarea"):
        name = field.get("name")
        if not name or field.get("type") == "submit":
            continue
        if field.name == "textarea":
            values[name] = field.text
        elif field.name == "select":
            chosen = field.select_one("option[selected]") or field.select_one("option")
            values[name] = chosen.get("value", "")
        elif field.get("type") == "checkbox":
            if field.has_attr("checked"):
                values[name] = "on"
        else:
            values[name] = field.get("value", "")
    return values


def cards(html):
    return BeautifulSoup(html, "html.parser").select("#sequence-form li.proposal")


def card_number(html, name):
    """The form index of the card proposing the exercise `name`."""
    for index, card in enumerate(cards(html)):
        if card.select_one(f"input[name='proposals-{index}-name']")["value"] == name:
            return index
    raise AssertionError(f"No card for {name}")


def opened(client, post):
    html = client.get(builder(post)).content.decode()
    return html, sent_values(html)


def steps(post):
    return [(s.exercise.name, s.dosage()) for s in Step.objects.filter(post=post)]


def test_the_change_page_links_to_the_builder(client, post):
    html = client.get(change_page(post)).content.decode()

    assert f'<a href="{builder(post)}">Build sequence</a>' in html


def test_the_page_proposes_the_gallery_and_leaves_the_illustrations_unticked(client, post):
    response = client.get(builder(post))

    html = response.content.decode()
    page = BeautifulSoup(html, "html.parser")
    assert response.status_code == 200
    summary = page.select_one(".sequence-summary").get_text(" ", strip=True)
    assert "a gallery of 10 pictures with captions" in summary
    assert ten.DEFAULT_SENTENCE in page.select_one(".sequence-default").get_text()
    shown = cards(html)
    ticked = [c for c in shown if c.select_one("input[name$='-use']").has_attr("checked")]
    assert [c.select_one("input[name$='-name']")["value"] for c in ticked] == ten.NAMES
    illustrations = [c for c in shown if c not in ticked]
    assert len(illustrations) == 2
    assert all("not a step" in c.h2.get_text() for c in illustrations)
    psoas = shown[card_number(html, "Psoas release")]
    assert psoas.img["src"].startswith("/media/")
    assert psoas.select_one("select[name$='-exercise'] option[selected]").text == "New exercise"
    assert psoas.select_one("input[name$='-hold_seconds']")["value"] == "60"
    assert psoas.select_one("select[name$='-each_side'] option[selected]")["value"] == "yes"
    assert "60 s" in psoas.select_one(".proposal__parsed").get_text()
    # Every field has its label, so a screen reader and a click on the words reach it.
    for field in page.select("#sequence-form input:not([type=hidden]), select, textarea"):
        if field.get("type") != "submit":
            assert page.select_one(f"label[for='{field['id']}']"), field
    assert page.select_one("input[type=submit][value='Save sequence']")


def test_saving_as_proposed_makes_ten_steps_and_takes_the_gallery_out(client, post):
    _, values = opened(client, post)
    body = post.body

    response = client.post(builder(post), values, follow=True)

    assert response.redirect_chain == [(change_page(post), 302)]
    assert steps(post) == list(zip(ten.NAMES, ten.DOSAGES, strict=True))
    assert all(s.exercise.photo for s in Step.objects.filter(post=post))
    html = response.content.decode()
    practice = post.get_absolute_url() + "practice/"
    assert f'Saved a sequence of 10 steps. <a href="{practice}">See its practice page</a>' in html
    assert client.get(practice).status_code == 200
    post.refresh_from_db()
    assert "galleryImage" not in post.body_html and ten.CAPTIONS[0] not in post.body
    assert PostRevision.objects.get(post=post).body == body


def test_reordering_and_dropping_cards(client, post):
    html, values = opened(client, post)
    calf, psoas = card_number(html, "Calf stretch"), card_number(html, "Psoas release")
    values[f"proposals-{calf}-position"] = "1"
    values[f"proposals-{psoas}-position"] = "2"
    del values[f"proposals-{card_number(html, 'Floor angels')}-use"]

    client.post(builder(post), values)

    names = [name for name, _ in steps(post)]
    assert names[:2] == ["Calf stretch", "Psoas release"]
    assert len(names) == 9 and "Floor angels" not in names


def test_merging_a_card_into_the_step_above(client, post):
    html, values = opened(client, post)
    double = card_number(html, "Double calf stretch")
    values[f"proposals-{double}-merge"] = "on"

    client.post(builder(post), values)

    saved = Step.objects.filter(post=post)
    assert [s.exercise.name for s in saved] == [n for n in ten.NAMES if n != "Double calf stretch"]
    calf = saved.get(exercise__name="Calf stretch").exercise
    assert "rolled towel" in calf.instructions and "legs straight" in calf.instructions


def test_mistakes_redraw_the_page_with_what_was_typed_and_save_nothing(client, post):
    html, values = opened(client, post)
    body = post.body
    psoas, first = card_number(html, "Psoas release"), 0
    values[f"proposals-{psoas}-hold_seconds"] = "1 min"
    values[f"proposals-{psoas}-name"] = "Psoas release, on a chair"
    values[f"proposals-{first}-merge"] = "on"
    values[f"proposals-{psoas}-repetitions_max"] = "10"

    response = client.post(builder(post), values)

    html = response.content.decode()
    assert response.status_code == 200
    assert "Nothing is saved yet." in html
    assert "Type a whole number, like 60." in html
    assert "there is no step above to merge with" in html
    assert "Give the lower count too" in html
    again = sent_values(html)
    assert again[f"proposals-{psoas}-hold_seconds"] == "1 min"
    assert again[f"proposals-{psoas}-name"] == "Psoas release, on a chair"
    assert again[f"proposals-{first}-merge"] == "on"
    # The summary at the top leads to each field at fault.
    assert f'href="#id_proposals-{psoas}-hold_seconds"' in html
    assert not Step.objects.exists() and not PostRevision.objects.exists()
    post.refresh_from_db()
    assert post.body == body


def test_nothing_chosen_is_refused(client, post):
    _, values = opened(client, post)
    values = {k: v for k, v in values.items() if not k.endswith("-use")}

    html = client.post(builder(post), values).content.decode()

    assert "Nothing is chosen: tick “Use as a step” on at least one card." in html
    assert not Step.objects.exists()


def test_a_new_exercise_needs_a_name(client, post):
    html, values = opened(client, post)
    values[f"proposals-{card_number(html, 'Spinal twist')}-name"] = "  "

    html = client.post(builder(post), values).content.decode()

    assert "A new exercise needs a name." in html
    assert not Step.objects.exists()


def test_a_text_changed_since_the_page_opened_is_read_again(client, post):
    _, values = opened(client, post)
    Post.objects.filter(pk=post.pk).update(body=post.body + "\n\nOne more line.")

    html = client.post(builder(post), values).content.decode()

    assert "The post’s text changed since this page was opened" in html
    assert not Step.objects.exists()


def test_who_may_build_a_sequence(client, post):
    assert client.get("/admin/blog/post/999999/sequence/").status_code == 404
    reader = User.objects.create_user("reader", "reader@example.com", "pass-phrase-long")
    client.force_login(reader)
    refused = client.get(builder(post))
    assert refused.status_code == 302 and refused["Location"].startswith("/admin/login/")
    helper = User.objects.create_user("helper", "h@example.com", "pass-phrase-long", is_staff=True)
    client.force_login(helper)
    assert client.get(builder(post)).status_code == 403
    assert client.post(builder(post), {}).status_code == 403
    assert not Step.objects.exists()


def test_the_earlier_text_is_restored_from_the_change_page(client, post):
    _, values = opened(client, post)
    before = post.body
    client.post(builder(post), values)
    revision = PostRevision.objects.get(post=post)
    restore = f"/admin/blog/post/{post.pk}/revisions/{revision.pk}/restore/"

    html = client.get(change_page(post)).content.decode()
    assert "Earlier texts of this post" in html and revision.reason in html
    assert re.search(rf'<form method="post" action="{restore}">', html)
    assert client.get(restore).status_code == 405

    response = client.post(restore, follow=True)

    post.refresh_from_db()
    assert post.body == before
    assert "Restored the article’s text kept on" in response.content.decode()
    # Restoring can itself be undone: the text it replaced is kept too.
    assert PostRevision.objects.filter(post=post).count() == 2
    assert client.post(f"/admin/blog/post/{post.pk}/revisions/999999/restore/").status_code == 404


def test_a_post_with_nothing_to_build_from_says_so(client, therapist):
    plain = make_post(title="A short note", body="Back next week with more.")

    html = client.get(builder(plain)).content.decode()

    assert "There is nothing here to make steps from." in html
    assert "Save sequence" not in html
