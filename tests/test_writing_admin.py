"""Writing in the admin: a new post's author, a step's own choices, the Markdown help, and a
picture's description asked for at its field with the upload kept."""

import re

import pytest
from django.core.files.storage import default_storage

from blog.images import KEPT_FOLDER
from blog.models import Author, Exercise, Post
from tests.factories import image_upload, make_author, make_exercise, make_post, make_step

pytestmark = pytest.mark.django_db
POSTS = "/admin/blog/post/"
EXERCISES = "/admin/blog/exercise/"


def field_errors(html, field):
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error">(.*?)</ul>', html, re.S)
    return re.findall(r"<li>(.*?)</li>", found[1]) if found else []


def test_a_new_post_is_by_the_signed_in_writer(client, therapist):
    make_author(name="Someone Else")
    hers = make_author(name="Maren Holt", user=therapist)

    html = client.get(POSTS + "add/").content.decode()

    select = re.search(r'<select name="author".*?</select>', html, re.S)[0]
    assert re.search(rf'<option value="{hers.pk}" selected>Maren Holt</option>', select)


def test_a_writer_without_a_profile_chooses_the_author(client, therapist):
    make_author(name="Someone Else")

    html = client.get(POSTS + "add/").content.decode()

    select = re.search(r'<select name="author".*?</select>', html, re.S)[0]
    assert " selected>" not in select.replace('value="" selected>', "")


def test_a_steps_each_side_choices_say_what_they_do(client, therapist):
    post = make_post()
    make_step(post, each_side=None)

    html = client.get(f"{POSTS}{post.pk}/change/").content.decode()

    select = re.search(r'<select name="steps-0-each_side".*?</select>', html, re.S)[0]
    options = re.findall(r'<option value="(\w+)"( selected)?>([^<]+)</option>', select)
    assert options == [
        ("unknown", " selected", "As the exercise says"),
        ("true", "", "Yes"),
        ("false", "", "No"),
    ]
    assert "Unknown" not in select


def test_a_step_sets_its_own_repetitions_from_the_post_page(client, therapist):
    post = make_post(title="Hip reset")
    step = make_step(post, make_exercise(repetitions=10))
    html = client.get(f"{POSTS}{post.pk}/change/").content.decode()
    assert 'name="steps-0-repetitions"' in html and 'name="steps-0-sets"' in html

    data = {
        "title": post.title,
        "slug": post.slug,
        "author": post.author_id,
        "summary": post.summary,
        "body": post.body,
        "status": "published",
        "published_at_0": "2024-03-05",
        "published_at_1": "10:00:00",
        "comments_open": "on",
        "lead_image_alt": "",
        "steps-TOTAL_FORMS": "1",
        "steps-INITIAL_FORMS": "1",
        "steps-0-id": step.pk,
        "steps-0-post": post.pk,
        "steps-0-position": "1",
        "steps-0-exercise": step.exercise_id,
        "steps-0-each_side": "true",
        "steps-0-sets": "3",
        "steps-0-repetitions": "8",
        "steps-0-repetitions_max": "12",
    }
    response = client.post(f"{POSTS}{post.pk}/change/", data)

    assert response.status_code == 302, re.findall(r"errorlist.*?</ul>", response.content.decode())
    step.refresh_from_db()
    assert (step.each_side, step.sets, step.repetitions, step.repetitions_max) == (True, 3, 8, 12)
    assert step.dosage().startswith("3 x 8-12 each side")


def test_the_markdown_help_appears_once(client, therapist):
    html = client.get(POSTS + "add/").content.decode()

    assert html.count("Markdown:") == 1
    assert 'aria-describedby="id_body_markdown_help"' in html
    assert 'id="id_body_markdown_help"' in html


def exercise_form(**fields):
    return {
        "name": "Supported bridge",
        "slug": "supported-bridge",
        "instructions": "Lift the hips.",
        "hold_seconds": "30",
        "photo_alt": "",
        **fields,
    }


def test_a_photo_without_a_description_is_refused_at_the_description(client, therapist):
    response = client.post(EXERCISES + "add/", exercise_form(photo=image_upload("bridge.jpg")))

    html = response.content.decode()
    assert response.status_code == 200
    assert field_errors(html, "photo_alt") == [
        "Add the image’s description: readers who cannot see it need one."
    ]
    assert "Constraint" not in html and 'class="errorlist nonfield"' not in html
    assert not Exercise.objects.exists()


def test_the_photo_is_kept_until_the_description_is_added(client, therapist):
    first = client.post(EXERCISES + "add/", exercise_form(photo=image_upload("bridge.jpg")))
    html = first.content.decode()
    token = re.search(r'name="photo-kept" value="([^"]+)"', html)[1]
    assert "“bridge.jpg” is kept from your last try" in html

    second = client.post(
        EXERCISES + "add/",
        exercise_form(**{"photo_alt": "Lying, hips lifted", "photo-kept": token}),
    )

    assert second.status_code == 302, second.content.decode()[:2000]
    exercise = Exercise.objects.get()
    assert exercise.photo.name.endswith(".jpg") and exercise.photo_width == 1200
    assert exercise.photo_alt == "Lying, hips lifted"


@pytest.mark.parametrize("token", ["forged", "kept-uploads/../../settings.py"])
def test_a_made_up_kept_photo_is_no_photo(client, therapist, token):
    response = client.post(EXERCISES + "add/", exercise_form(**{"photo-kept": token}))

    assert response.status_code == 302
    assert not Exercise.objects.get().photo


def test_a_post_lead_image_without_a_description_is_refused_at_the_description(client, therapist):
    author = make_author(user=therapist)
    data = {
        "title": "Hip reset",
        "slug": "hip-reset",
        "author": author.pk,
        "summary": "Short.",
        "body": "Text.",
        "status": "draft",
        "lead_image": image_upload("lead.jpg"),
        "lead_image_alt": "",
        "steps-TOTAL_FORMS": "0",
        "steps-INITIAL_FORMS": "0",
    }

    html = client.post(POSTS + "add/", data).content.decode()

    assert field_errors(html, "lead_image_alt") == [
        "Add the image’s description: readers who cannot see it need one."
    ]
    assert 'name="lead_image-kept"' in html
    assert not Post.objects.exists()
    assert default_storage.listdir(KEPT_FOLDER)[1]
    assert Author.objects.count() == 1


def test_the_writing_pages_are_valid_html(client, therapist, html_errors):
    post = make_post(author=make_author(user=therapist))
    make_step(post, make_exercise(photo=True))
    refused = client.post(EXERCISES + "add/", exercise_form(photo=image_upload("bridge.jpg")))
    pages = {
        "add": client.get(POSTS + "add/").content.decode(),
        "change": client.get(f"{POSTS}{post.pk}/change/").content.decode(),
        "kept": refused.content.decode(),
    }

    errors = html_errors(pages)
    assert errors == [], "\n".join(errors)
