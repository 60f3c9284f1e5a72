"""Practice mode for someone on the floor: hands-free from the first step to the last, each
step in view above the player, spoken cues where the browser can speak. The timers run on
Playwright's clock, so a ten-minute sequence takes seconds."""

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect

from blog.models import Post
from tests.factories import make_exercise, make_post, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
# A browser with speech but no voice until the test gives it one; what it is asked to say
# lands in window.spoken.
VOICES = """
window.spoken = [];
let voices = [];
const synth = new EventTarget();
synth.getVoices = () => voices;
synth.speak = (utterance) => window.spoken.push(utterance.text);
synth.cancel = () => {};
window.addVoice = () => {
  voices = [{name: "Test voice", lang: "en-US", default: true}];
  synth.dispatchEvent(new Event("voiceschanged"));
};
Object.defineProperty(window, "speechSynthesis", {configurable: true, value: synth});
"""


@pytest.fixture
def reset(demo_site):
    """The demo's ten-step post, as `make run` shows it."""
    return Post.objects.get(slug="ten-minute-hip-and-spine-reset")


@pytest.fixture
def short():
    """Two steps: a hold on each side, then one held once."""
    post = make_post(title="Two for the hips")
    make_step(post, make_exercise(name="Knee hug", hold_seconds=30, each_side=True, photo=True))
    make_step(post, make_exercise(name="Sphinx", hold_seconds=60, photo=True))
    return post


def practice(live_server, post):
    return live_server.url + post.get_absolute_url() + "practice/"


def open_practice(page, live_server, post, viewport=PHONE):
    page.set_viewport_size(viewport)
    page.clock.install()
    page.goto(practice(live_server, post))
    page.clock.pause_at(datetime(2030, 1, 1))
    return Player(page)


class Player:
    def __init__(self, page):
        self.page = page
        self.box = page.locator("#player")
        self.progress = page.locator("#player-progress")
        self.phase = page.locator("#player-phase")
        self.clock = page.locator("#player-clock")
        self.says = page.locator("#player-says")
        self.step = page.locator("ol.steps > li.step--current")

    def button(self, name):
        return self.page.get_by_role("button", name=name, exact=True)

    def run_until(self, text, limit=400):
        """Runs the clock a second at a time until the player's progress line reads `text`."""
        for _ in range(limit):
            if self.progress.text_content() == text:
                return
            self.page.clock.run_for(1000)
        raise AssertionError(f"never reached {text!r}: {self.progress.text_content()!r}")


def box(locator):
    found = locator.bounding_box()
    assert found, locator
    return found


def overlap(one, other):
    return (
        one["x"] < other["x"] + other["width"]
        and other["x"] < one["x"] + one["width"]
        and one["y"] < other["y"] + other["height"]
        and other["y"] < one["y"] + one["height"]
    )


def in_view_above_the_player(player, name):
    """The step's name, photo and dosage on the screen, none of them under the player."""
    heading = player.step.get_by_role("heading", level=3)
    expect(heading).to_have_text(name)
    expect(player.box).to_contain_text(name)
    top = box(player.box)["y"]
    assert top + box(player.box)["height"] <= PHONE["height"]
    for part in (heading, player.step.get_by_role("img"), player.step.locator(".dosage")):
        where = box(part)
        assert where["y"] >= 0 and where["y"] + where["height"] <= top, (name, part, where)


def test_the_reset_runs_hands_free_on_a_phone_with_each_step_in_view_above_the_player(
    live_server, page, reset, csp_violations
):
    names = [step.exercise.name for step in reset.steps.select_related("exercise")]
    assert len(names) == 10
    player = open_practice(page, live_server, reset)
    expect(player.button("Hands-free")).to_have_attribute("aria-pressed", "true")
    expect(player.progress).to_have_text(f"Step 1 of 10 · {names[0]}")

    player.button("Start").click()
    in_view_above_the_player(player, names[0])
    page.clock.run_for(60_000)
    # The next step is shown during its "Get ready" pause, which counts down by itself.
    expect(player.progress).to_have_text(f"Step 2 of 10 · {names[1]}")
    expect(player.phase).to_have_text(f"Next: {names[1]}")
    expect(player.clock).to_have_text("0:05")
    expect(player.says).to_have_text(f"Step 1 done. Next: {names[1]}.")
    page.clock.run_for(3000)
    expect(player.clock).to_have_text("0:02")
    expect(player.says).to_have_text(f"Step 1 done. Next: {names[1]}.")  # no seconds read
    page.clock.run_for(2000)
    expect(player.phase).to_have_text("Repetition 1 of 10")
    expect(player.button("Pause")).to_be_visible()

    phases = set()
    done = page.get_by_role("heading", name="Sequence done")
    for number, name in enumerate(names[1:], 2):
        player.run_until(f"Step {number} of 10 · {name}")
        in_view_above_the_player(player, name)
        while player.progress.text_content() == f"Step {number} of 10 · {name}":
            phases.add(player.phase.text_content())
            if done.is_visible():
                break
            page.clock.run_for(1000)

    assert "Get ready: Right side" in phases
    assert f"Next: {names[9]}" in phases
    expect(done).to_be_visible()
    # Ten minutes and fifty seconds of holds, nine pauses between steps and four between sides.
    expect(page.locator("#practice-total")).to_have_text("Total time: 12 minutes 15 seconds")
    expect(player.says).to_have_text("Sequence done. Total time: 12 minutes 15 seconds.")
    expect(player.box).to_be_hidden()
    back = page.get_by_role("link", name=f"Back to “{reset.title}”").last
    expect(back).to_have_attribute("href", reset.get_absolute_url())
    assert csp_violations == []

    page.get_by_role("button", name="Practice again").click()
    expect(player.progress).to_have_text(f"Step 1 of 10 · {names[0]}")
    expect(player.button("Start")).to_be_focused()
    expect(done).to_be_hidden()


def test_on_a_desktop_the_player_never_covers_the_instructions(live_server, page, reset):
    player = open_practice(page, live_server, reset, viewport=DESKTOP)

    for number in range(1, 11):
        expect(player.progress).to_contain_text(f"Step {number} of 10 · ")
        text = player.step.locator(".step__text")
        # At the top of the step and scrolled to the end of its instructions alike.
        for _ in ("top", "end"):
            shown = box(player.box)
            assert shown["y"] >= 0 and shown["y"] + shown["height"] <= DESKTOP["height"]
            assert not overlap(shown, box(text)), number
            assert not overlap(shown, box(player.step.get_by_role("img"))), number
            text.locator("p").last.scroll_into_view_if_needed()
        if number < 10:
            player.button("Next step").click()


def test_without_hands_free_each_part_waits_for_start_and_the_choice_is_remembered(
    live_server, page, short
):
    player = open_practice(page, live_server, short)
    hands_free = player.button("Hands-free")
    player.button("Start").click()
    page.clock.run_for(30_000)
    expect(player.phase).to_have_text("Get ready: Right side")
    expect(player.says).to_have_text("Get ready: Right side.")
    # Turned off in the pause: what was coming waits.
    hands_free.click()
    expect(hands_free).to_have_attribute("aria-pressed", "false")
    page.clock.run_for(10_000)
    expect(player.phase).to_have_text("Right side")
    expect(player.clock).to_have_text("0:30")
    expect(player.button("Start")).to_be_visible()

    page.reload()
    page.clock.pause_at(datetime(2030, 1, 2))
    expect(hands_free).to_have_attribute("aria-pressed", "false")
    player.button("Start").click()
    page.clock.run_for(30_000)
    expect(player.says).to_have_text("Left side done. Right side next: start when you are ready.")
    page.clock.run_for(10_000)
    expect(player.clock).to_have_text("0:30")
    player.button("Start").click()
    page.clock.run_for(40_000)
    expect(player.phase).to_have_text("Done")
    expect(player.progress).to_have_text("Step 1 of 2 · Knee hug")
    expect(player.button("Start again")).to_be_visible()

    hands_free.click()
    page.reload()
    expect(hands_free).to_have_attribute("aria-pressed", "true")


def test_speak_cues_is_not_offered_where_the_browser_has_no_voice(live_server, page, short):
    player = open_practice(page, live_server, short)
    page.clock.run_for(2000)

    voices = page.evaluate("() => speechSynthesis.getVoices().length")
    expect(player.button("Hands-free")).to_be_visible()
    expect(player.button("Speak cues")).to_have_count(1 if voices else 0)


def test_spoken_cues_once_a_voice_arrives_off_until_asked_for_and_remembered(
    live_server, page, short
):
    page.add_init_script(VOICES)
    player = open_practice(page, live_server, short)
    speak = player.button("Speak cues")
    expect(speak).to_have_count(0)
    page.evaluate("() => addVoice()")
    expect(speak).to_be_visible()
    expect(speak).to_have_attribute("aria-pressed", "false")
    player.button("Start").click()
    page.clock.run_for(30_000)
    assert page.evaluate("() => spoken") == []

    speak.click()
    expect(speak).to_have_attribute("aria-pressed", "true")
    page.clock.run_for(5000)  # the right side starts after its pause
    page.clock.run_for(30_000)
    page.clock.run_for(5000)
    page.clock.run_for(60_000)
    assert page.evaluate("() => spoken") == [
        "Spoken cues on",
        "Right side",
        "Done. Next: Sphinx",
        "Sequence done",
    ]

    page.reload()
    page.clock.pause_at(datetime(2030, 1, 2))
    page.evaluate("() => addVoice()")
    expect(speak).to_have_attribute("aria-pressed", "true")
    player.button("Start").click()
    page.clock.run_for(30_000)
    player.button("Next step").click()
    assert page.evaluate("() => spoken") == ["Left side", "Switch sides", "Sphinx"]


def test_a_step_in_sets_runs_each_round_counting_to_the_top_of_its_range(live_server, page):
    post = make_post(title="Rounds")
    bridge = make_exercise(name="Bridge", hold_seconds=3, repetitions=2, photo=True)
    make_step(post, bridge, sets=2, repetitions_max=3)
    make_step(post, make_exercise(name="Rest", hold_seconds=10))
    player = open_practice(page, live_server, post)
    expect(player.step.locator(".dosage")).to_have_text("2 x 2-3, holding 3 seconds each time")
    expect(player.phase).to_have_text("Set 1 of 2, repetition 1 of 3")

    player.button("Start").click()
    page.clock.run_for(6000)
    expect(player.phase).to_have_text("Set 1 of 2, repetition 3 of 3")
    page.clock.run_for(3000)
    expect(player.phase).to_have_text("Get ready: Set 2 of 2")
    page.clock.run_for(5000)
    expect(player.phase).to_have_text("Set 2 of 2, repetition 1 of 3")
    expect(player.progress).to_have_text("Step 1 of 2 · Bridge")
    page.clock.run_for(9000)
    expect(player.phase).to_have_text("Next: Rest")
    expect(player.progress).to_have_text("Step 2 of 2 · Rest")
    page.clock.run_for(15_000)
    expect(page.get_by_role("heading", name="Sequence done")).to_be_focused()
    expect(page.locator("#practice-total")).to_have_text("Total time: 38 seconds")
    assert re.search(r"#step-\d", page.url) is None
