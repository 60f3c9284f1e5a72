"""A step's dosage read from her words (blog/dosage.py), and written back as the line under
each step (Timing, dosage_text) with a step's own numbers over its exercise's."""

import pytest

from blog.dosage import read
from blog.models import dosage_text
from tests.factories import make_exercise, make_post, make_step

BLANK = {
    "hold_seconds": None,
    "each_side": None,
    "sets": None,
    "repetitions": None,
    "repetitions_max": None,
}


@pytest.mark.parametrize(
    "words, values",
    [
        ("Hold for one minute.", {"hold_seconds": 60}),
        ("hold one minute", {"hold_seconds": 60}),
        ("Hold the stretch for two minutes", {"hold_seconds": 120}),
        ("Hold 30 seconds.", {"hold_seconds": 30}),
        ("Stay here for 1 min", {"hold_seconds": 60}),
        ("90 sec", {"hold_seconds": 90}),
        ("30s on the floor", {"hold_seconds": 30}),
        ("Hold for a minute", {"hold_seconds": 60}),
        ("hold for half a minute", {"hold_seconds": 30}),
        ("hold for 1.5 minutes", {"hold_seconds": 90}),
        ("hold twenty-five seconds", {"hold_seconds": 25}),
        ("Do it on each side.", {"each_side": True}),
        ("Repeat on both sides.", {"each_side": True}),
        ("then switch sides", {"each_side": True}),
        ("Repeat on the other side", {"each_side": True}),
        ("10 times", {"repetitions": 10}),
        ("Do this ten times", {"repetitions": 10}),
        ("Repeat 8-10 times.", {"repetitions": 8, "repetitions_max": 10}),
        ("repeat eight to ten times", {"repetitions": 8, "repetitions_max": 10}),
        ("12 reps", {"repetitions": 12}),
        ("Do this twice", {"repetitions": 2}),
        ("3 x 10", {"sets": 3, "repetitions": 10}),
        ("3x8-10", {"sets": 3, "repetitions": 8, "repetitions_max": 10}),
        ("2 sets of 10", {"sets": 2, "repetitions": 10}),
        ("two sets of eight to ten reps", {"sets": 2, "repetitions": 8, "repetitions_max": 10}),
        (
            "Hold the stretch for one minute each side",
            {"hold_seconds": 60, "each_side": True},
        ),
        (
            "Repeat 8-10 times on both sides.",
            {"repetitions": 8, "repetitions_max": 10, "each_side": True},
        ),
        ("10 times, holding 5 seconds each time", {"repetitions": 10, "hold_seconds": 5}),
        ("Do 10 each side", {"repetitions": 10, "each_side": True}),
    ],
)
def test_each_way_she_writes_a_dosage_is_read(words, values):
    dosage = read(words)

    assert dosage.values() == {**BLANK, **values}
    assert dosage.parsed and not dosage.flagged


def test_what_was_read_is_listed_beside_the_words_it_came_from():
    dosage = read("Repeat 8-10 times on both sides.")

    assert dosage.parsed == ["Repeat 8-10 times -> 8-10 times", "on both sides -> each side"]
    assert read("hold one minute").parsed == ["hold one minute -> 60 s"]
    assert read("3 x 10").parsed == ["3 x 10 -> 3 sets of 10"]


@pytest.mark.parametrize(
    "words, flagged",
    [
        ("Hold for a few breaths.", "Hold for a few breaths"),
        ("Stay there for as long as it feels good", "Stay there for as long as it feels good"),
        ("hold 1-2 minutes", "hold 1-2 minutes (a range of holds: which one?)"),
        ("Do this 3 times a day", "3 times (how often in a day or week, not a dosage)"),
        ("Take 10 breaths", "10 breaths"),
        ("Repeat several times", "several times"),
        ("Rest 10 seconds between rounds", "Rest 10 seconds (a rest, not a hold)"),
        ("1.5 times", "1.5 times (not a whole number)"),
        (
            "Hold 30 seconds. Then hold 1 minute.",
            "Hold 30 seconds; hold 1 minute (they disagree)",
        ),
    ],
)
def test_words_it_cannot_read_are_flagged_and_nothing_is_guessed(words, flagged):
    dosage = read(words)

    assert dosage.values() == BLANK
    assert dosage.flagged == [flagged]
    assert not dosage.is_blank()


@pytest.mark.parametrize(
    "words",
    [
        "Hold onto a chair for balance.",
        "Let both knees drop slowly to one side.",
        "Step the ball of one foot onto a rolled towel.",
        "Lie on your side with ten fingers spread.",
    ],
)
def test_ordinary_instructions_say_no_dosage(words):
    dosage = read(words)

    assert dosage.is_blank() and dosage.parsed == []


@pytest.mark.parametrize(
    "timing, text",
    [
        ((60, True, 0), "Hold 1 minute each side"),
        ((0, False, 10), "10 times"),
        ((0, True, 8, 1, 10), "8-10 times each side"),
        ((0, False, 10, 3), "3 x 10"),
        ((0, False, 8, 3, 10), "3 x 8-10"),
        ((5, False, 8, 3, 10), "3 x 8-10, holding 5 seconds each time"),
        ((30, False, 0, 3), "Hold 30 seconds, 3 times"),
        ((0, False, 0), ""),
    ],
)
def test_the_dosage_line(timing, text):
    assert dosage_text(*timing) == text


@pytest.mark.django_db
def test_a_step_carries_its_own_sets_and_range_else_its_exercises():
    exercise = make_exercise(hold_seconds=0, repetitions=10, sets=2)
    post = make_post()

    plain = make_step(post, exercise)
    own = make_step(post, exercise, sets=3, repetitions=8, repetitions_max=10, each_side=True)

    assert plain.timing() == (0, False, 10, 2, 0)
    assert plain.dosage() == "2 x 10"
    assert own.timing() == (0, True, 8, 3, 10)
    assert own.dosage() == "3 x 8-10 each side"
    assert make_exercise(hold_seconds=0, repetitions=8, repetitions_max=12).dosage() == (
        "8-12 times"
    )
