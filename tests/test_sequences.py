"""A post's steps proposed from its body and saved as its sequence (blog/sequences.py), and
`manage.py build_sequences` doing the same for posts in bulk."""

import io

import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from blog import sequences
from blog.models import Exercise, Post, PostRevision, Step
from tests.factories import image_bytes, make_exercise, make_post
from tests.sequence_fixture import (
    CAPTIONS,
    CLOSING,
    COMPARE,
    DEFAULT_DOSAGE,
    DEFAULT_SENTENCE,
    DOSAGES,
    EXERCISES,
    INTRO,
    NAMES,
    import_ten_step_post,
    post_slug,
)

pytestmark = pytest.mark.django_db
SUMMARY = "a gallery of 10 pictures with captions; 2 other pictures left in the text"


@pytest.fixture
def post(tmp_path, media_root):
    return import_ten_step_post(tmp_path)


def build(post, keep_text=False):
    found = sequences.propose(post)
    return found, sequences.save(post, found, sequences.choices(found), keep_text=keep_text)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


def run(*args):
    out = io.StringIO()
    call_command("build_sequences", *args, stdout=out)
    return out.getvalue()


def state():
    steps = Step.objects.order_by("pk").values_list("post_id", "exercise_id", "position")
    bodies = Post.objects.order_by("pk").values_list("body", flat=True)
    return list(steps), list(Exercise.objects.values_list("name", flat=True)), list(bodies)


def test_her_imported_post_proposes_its_gallery_as_ten_steps(post):
    found = sequences.propose(post)

    assert found.summary == SUMMARY
    assert found.default_words == DEFAULT_SENTENCE
    first, second, *gallery = found.proposals
    assert [p.index for p in found.proposals] == list(range(12))
    # The "Compare the two pictures" pair illustrates the text: listed, not ticked.
    assert [(first.kind, first.is_step), (second.kind, second.is_step)] == [
        ("illustration", False),
        ("illustration", False),
    ]
    assert (first.name, second.name) == ("Picture 1", "Picture 2")
    assert [p.kind for p in gallery] == ["gallery"] * 10 and all(p.is_step for p in gallery)
    assert [p.name for p in gallery] == NAMES
    assert gallery[0].instructions == EXERCISES[0][1]
    assert gallery[0].picture_alt == CAPTIONS[0]
    # Each photo is the picture the import stored, by its name: no copy.
    for proposal in found.proposals:
        assert f"(/media/{proposal.picture})" in post.body
        assert default_storage.exists(proposal.picture)
        assert proposal.flagged == []


def test_steps_that_say_nothing_take_the_posts_default_and_the_others_their_own(post):
    gallery = sequences.propose(post).proposals[2:]

    said = {p.name: p for p in gallery}
    for name, _, dosage in EXERCISES:
        assert said[name].from_default is (dosage == DEFAULT_DOSAGE)
    psoas = said["Psoas release"]
    assert (psoas.hold_seconds, psoas.each_side) == (60, True)
    assert psoas.words == DEFAULT_SENTENCE
    assert psoas.parsed == [
        "hold the stretch for one minute -> 60 s (the post's default)",
        "each side (the post's default)",
    ]
    lists = said["Pelvic lists"]
    assert (lists.repetitions, lists.repetitions_max, lists.each_side) == (8, 10, True)
    assert lists.hold_seconds is None
    assert lists.words == "Repeat 8-10 times on both sides."
    assert (said["Head ramping"].sets, said["Head ramping"].repetitions) == (3, 10)


def test_a_step_is_matched_to_her_library_whatever_the_case_punctuation_and_plurals(post):
    releases = make_exercise(name="psoas releases")
    angel = make_exercise(name="Floor-Angel")

    said = {p.name: p.exercise for p in sequences.propose(post).proposals}

    assert said["Psoas release"] == releases
    assert said["Floor angels"] == angel
    assert said["Calf stretch"] is None


def test_saving_makes_the_sequence_and_takes_the_gallery_out_of_the_article(
    post, client, media_root
):
    before = page(client, post.get_absolute_url())  # now in the page cache
    assert "Practice this sequence" not in before.get_text()
    old_body = post.body

    found, steps = build(post)

    post.refresh_from_db()
    assert [step.exercise.name for step in post.steps.all()] == NAMES
    assert [step.dosage() for step in steps] == DOSAGES
    assert [step.position for step in steps] == list(range(1, 11))
    exercise = steps[0].exercise
    assert exercise.photo.name == found.proposals[2].picture
    assert exercise.photo_alt == CAPTIONS[0]
    assert (exercise.photo_width, exercise.photo_height) == (120, 90)
    assert exercise.instructions == EXERCISES[0][1]
    assert (exercise.hold_seconds, exercise.each_side) == (60, True)
    assert not (media_root / "exercises").exists()  # no copy of any photo was made
    # What the sequence shows has left the article; the rest stays.
    tucked, neutral = (f"![](/media/{p.picture})" for p in found.proposals[:2])
    assert post.body == "\n\n".join([INTRO, COMPARE, tucked, neutral, CLOSING])
    revision = PostRevision.objects.get(post=post)
    assert revision.body == old_body and revision.reason == "Before building the sequence"
    # The page cache knows: the post's page shows the sequence at once, each exercise once.
    shown = page(client, post.get_absolute_url())
    assert "Practice this sequence" in shown.get_text()
    assert [h.get_text(strip=True) for h in shown.select(".sequence h3")] == NAMES
    assert shown.get_text().count(EXERCISES[0][1]) == 1


def test_the_practice_page_and_its_handout_list_the_steps_once(post, client):
    build(post)

    practice = page(client, post.get_absolute_url() + "practice/")

    steps = practice.select("ol.steps li.step")
    assert [s.h3.get_text(strip=True) for s in steps] == NAMES
    assert [s.select_one(".dosage").get_text() for s in steps] == DOSAGES
    assert all(s.select_one("figure.step__photo img") for s in steps)
    assert steps[4]["data-sets"] == "3" and steps[3]["data-repetitions-max"] == "10"
    # Printed, the page is the handout: the article above the sequence, without the gallery.
    article = practice.select_one(".handout-only .post__body").get_text()
    assert "Compare the two pictures" in article
    assert not any(name in article for name in NAMES)
    assert practice.select_one(".handout-footer")


def test_a_revision_puts_the_old_body_back_and_can_itself_be_undone(post, client):
    old_body = post.body
    build(post)
    post.refresh_from_db()
    built_body = post.body

    PostRevision.objects.get(post=post).restore()

    post.refresh_from_db()
    assert post.body == old_body
    assert CAPTIONS[0] in page(client, post.get_absolute_url()).get_text()
    undo = PostRevision.objects.filter(post=post).first()  # the newest
    assert undo.body == built_body
    undo.restore()
    post.refresh_from_db()
    assert post.body == built_body


def test_chosen_steps_can_be_merged_and_renamed(post):
    found = sequences.propose(post)
    first, second, *_ = sequences.choices(found)
    first.indexes += second.indexes
    first.name = "Calf and psoas"

    steps = sequences.save(post, found, [first])

    post.refresh_from_db()
    assert [s.exercise.name for s in steps] == ["Calf and psoas"]
    assert CAPTIONS[0] not in post.body and CAPTIONS[1] not in post.body
    assert CAPTIONS[2] in post.body  # not chosen: stays in the article


def test_the_command_builds_each_post_once(post, media_root):
    plain = make_post(slug="kitchen-notes", body="Nothing but a story about my kitchen.")

    output = run()

    assert f"{post.slug}: {SUMMARY}" in output
    assert "made 10 steps (10 new exercises)" in output
    assert "  4. Pelvic lists: 8-10 times each side" in output
    assert "kitchen-notes: skipped, nothing that reads as a sequence" in output
    assert post.steps.count() == 10 and not plain.steps.exists()
    before = state()

    again = run()

    assert state() == before
    assert f"{post.slug}: skipped, it already has 10 steps" in again
    assert "0 posts got a sequence; 2 left as they are." in again


def test_the_command_gives_every_step_the_posts_default_when_no_caption_says_one(
    tmp_path, media_root, client
):
    plain = import_ten_step_post(tmp_path, own_dosages=False)

    output = run("--post", post_slug(own_dosages=False))

    assert "made 10 steps (10 new exercises)" in output
    steps = list(plain.steps.select_related("exercise"))
    assert [s.exercise.name for s in steps] == NAMES
    assert [s.dosage() for s in steps] == [DEFAULT_DOSAGE] * 10
    assert all(s.exercise.photo for s in steps)
    practice = page(client, plain.get_absolute_url() + "practice/")
    shown = practice.select("ol.steps li.step")
    assert [s.select_one(".dosage").get_text() for s in shown] == [DEFAULT_DOSAGE] * 10
    assert all(s.select_one("figure.step__photo img") for s in shown)


def test_the_two_imported_posts_are_told_apart(tmp_path, media_root):
    varied = import_ten_step_post(tmp_path)
    plain = import_ten_step_post(tmp_path, own_dosages=False)

    assert varied.pk != plain.pk and varied.title != plain.title
    assert CAPTIONS[2] in varied.body and CAPTIONS[2] not in plain.body
    assert import_ten_step_post(tmp_path, own_dosages=False) == plain


def test_a_dry_run_says_what_it_would_make_and_saves_nothing(post):
    before = state()

    output = run("--dry-run", "--post", post.slug)

    assert "would make 10 steps" in output and "  1. Psoas release: Hold 1 minute each side" in (
        output
    )
    assert state() == before and not PostRevision.objects.exists()


def test_the_command_names_a_post_that_is_not_there():
    with pytest.raises(CommandError, match="There is no post with the address “no-such-post”"):
        run("--post", "no-such-post")


NUMBERED = """Three moves for the morning. Hold each for 30 seconds unless stated otherwise.

1. Cat stretch: round your back slowly, then let it sag.
2. Child's pose: sit back onto your heels with your arms long. Hold 1 minute.
3. Wall squat: slide down the wall until your knees bend. Repeat 10 times.

That is all for today."""


def test_a_numbered_list_becomes_steps_and_leaves_the_article():
    post = make_post(body=NUMBERED)

    found, steps = build(post)

    assert found.summary == "a numbered list of 3 items"
    assert [s.exercise.name for s in steps] == ["Cat stretch", "Child's pose", "Wall squat"]
    assert [s.dosage() for s in steps] == ["Hold 30 seconds", "Hold 1 minute", "10 times"]
    assert steps[0].exercise.instructions == "Round your back slowly, then let it sag."
    assert not steps[0].exercise.photo
    post.refresh_from_db()
    assert post.body == (
        "Three moves for the morning. Hold each for 30 seconds unless stated otherwise."
        "\n\nThat is all for today."
    )


def test_a_list_item_left_out_stays_numbered_in_the_article():
    post = make_post(body=NUMBERED)
    found = sequences.propose(post)

    sequences.save(post, found, sequences.choices(found)[::2])

    post.refresh_from_db()
    assert "1. Child's pose: sit back onto your heels" in post.body
    assert "Cat stretch" not in post.body and "Wall squat" not in post.body


HEADINGS = """A short routine for tired feet.

## Toe spreading

Sit down and spread your toes wide, one foot at a time. Hold 10 seconds each side.

## Ankle circles

Draw slow circles with each foot. Repeat 8 times each side.

## Ball roll

Roll a tennis ball under your foot for 2 minutes."""


def test_headings_followed_by_text_become_steps_and_keep_text_keeps_them():
    post = make_post(body=HEADINGS)

    found, steps = build(post, keep_text=True)

    assert found.summary == "3 headings followed by text"
    assert [(s.exercise.name, s.dosage()) for s in steps] == [
        ("Toe spreading", "Hold 10 seconds each side"),
        ("Ankle circles", "8 times each side"),
        ("Ball roll", "Hold 2 minutes"),
    ]
    post.refresh_from_db()
    assert post.body == HEADINGS  # the text is kept, so there is nothing to take out
    assert not PostRevision.objects.filter(post=post).exists()


def test_a_step_using_her_library_exercise_leaves_words_it_does_not_store_in_the_article():
    post = make_post(body=HEADINGS)
    toes = make_exercise(name="Toe spreading", instructions="Spread your toes on the floor.")
    circles = make_exercise(
        name="Ankle circles",
        instructions="Draw slow circles with each foot. Repeat 8 times each side.",
    )
    found = sequences.propose(post)
    spreading, ankles, ball = sequences.choices(found)
    assert (spreading.exercise, ankles.exercise) == (toes, circles)
    ball.exercise = circles  # "Roll a tennis ball" merged into a step her library has
    ankles.indexes += ball.indexes
    ankles.instructions += "\n\n" + ball.instructions

    steps = sequences.save(post, found, [spreading, ankles])

    assert [s.exercise for s in steps] == [toes, circles]
    assert Exercise.objects.count() == 2
    circles.refresh_from_db()
    assert "tennis ball" not in circles.instructions
    post.refresh_from_db()
    # Her words that no exercise holds stay in the article, with their headings.
    assert post.body == (
        "A short routine for tired feet.\n\n## Toe spreading\n\nSit down and spread your "
        "toes wide, one foot at a time. Hold 10 seconds each side.\n\n## Ball roll\n\n"
        "Roll a tennis ball under your foot for 2 minutes."
    )
    page_text = BeautifulSoup(post.body_html, "html.parser").get_text()
    assert "Roll a tennis ball" in page_text and "Draw slow circles" not in page_text


def test_a_paragraph_after_a_picture_describes_it_and_keep_text_keeps_the_paragraph(media_root):
    stored = default_storage.save("posts/2014/roll.jpg", ContentFile(image_bytes((200, 150))))
    body = (
        f"![Foam roller](/media/{stored})\n\nFoam roll: lie along the roller. 1 min.\n\n"
        "![](https://old-blog.example/reach.jpg)\n\nOverhead reach: 10 times.\n\nBye."
    )
    post = make_post(body=body)

    found, steps = build(post, keep_text=True)

    assert found.summary == "2 pictures with a caption or a paragraph after them"
    roll, reach = found.proposals
    assert (roll.name, roll.picture, roll.picture_alt) == ("Foam roll", stored, "Foam roller")
    assert (reach.name, reach.picture) == ("Overhead reach", "")
    assert reach.flagged == [
        "the picture is not stored on this site: https://old-blog.example/reach.jpg"
    ]
    assert [s.dosage() for s in steps] == ["Hold 1 minute", "10 times"]
    assert steps[0].exercise.photo.name == stored and not steps[1].exercise.photo
    post.refresh_from_db()
    assert post.body == (
        "Foam roll: lie along the roller. 1 min.\n\nOverhead reach: 10 times.\n\nBye."
    )


def test_a_post_with_nothing_to_take_proposes_no_steps():
    post = make_post(body="## A story\n\nThe day I learned to sit on the floor again.")

    found = sequences.propose(post)

    assert sequences.choices(found) == []
    assert found.summary.startswith("nothing that reads as a sequence")
    assert sequences.save(post, found, []) == []
    assert not PostRevision.objects.exists()
