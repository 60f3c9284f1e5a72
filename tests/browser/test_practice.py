"""Practice mode on a phone. The timers run on Playwright's clock, so a
minute's hold takes no minute."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import expect

from tests.factories import make_exercise, make_post, make_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DENVER = ZoneInfo("America/Denver")
PHONE = {"width": 390, "height": 844}
# Counts what the page asks of the browser that a test cannot hear or see: each tone of the
# chime, and each wake lock (a stand-in the test can release, as a hidden page does).
SPIES = """
window.tones = 0;
const start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function (...args) {
  window.tones += 1;
  return start.apply(this, args);
};
window.locks = [];
Object.defineProperty(navigator, "wakeLock", {configurable: true, value: {
  request(type) {
    const lock = new EventTarget();
    lock.type = type;
    lock.released = false;
    lock.release = () => {
      lock.released = true;
      lock.dispatchEvent(new Event("release"));
      return Promise.resolve();
    };
    window.locks.push(lock);
    return Promise.resolve(lock);
  },
}});
"""


@pytest.fixture
def sequence():
    """A post like the demo's reset: a plain hold, an each-side hold, counted repetitions,
    timed repetitions, and a step taken at one's own pace."""
    post = make_post(
        title="Ten-minute hip reset", published_at=datetime(2016, 5, 10, 7, tzinfo=DENVER)
    )
    rest = make_exercise(name="Constructive rest", hold_seconds=300, photo=True)
    make_step(post, rest, hold_seconds=60, note="Let the floor take your weight.")
    make_step(post, make_exercise(name="Supine figure four", each_side=True, photo=True))
    make_step(post, make_exercise(name="Cat-cow", hold_seconds=0, repetitions=3))
    make_step(post, make_exercise(name="Pelvic rocks", hold_seconds=5, repetitions=3))
    make_step(post, make_exercise(name="Roll to standing", hold_seconds=0))
    return post


def practice(live_server, post):
    return live_server.url + post.get_absolute_url() + "practice/"


class Player:
    def __init__(self, page):
        self.page = page
        self.progress = page.locator("#player-progress")
        self.phase = page.locator("#player-phase")
        self.clock = page.locator("#player-clock")
        self.says = page.locator("#player-says")
        self.shown = page.locator("ol.steps > li:visible")

    def button(self, name):
        return self.page.get_by_role("button", name=name, exact=True)


def test_a_reader_practises_on_a_phone_with_the_timer(live_server, page, sequence, csp_violations):
    page.set_viewport_size(PHONE)
    page.clock.install()
    page.goto(practice(live_server, sequence))
    page.clock.pause_at(datetime(2030, 1, 1))
    player = Player(page)
    player.button("Hands-free").click()  # each part waits for the reader's Start
    expect(player.button("Hands-free")).to_have_attribute("aria-pressed", "false")

    expect(player.progress).to_have_text("Step 1 of 5 · Constructive rest")
    expect(player.shown).to_have_count(1)
    expect(player.shown.get_by_role("heading", level=3)).to_have_text("Constructive rest")
    expect(player.shown.get_by_role("img")).to_be_visible()
    expect(player.clock).to_have_text("1:00")
    player.button("Start").click()
    page.clock.run_for(1000)
    expect(player.clock).to_have_text("0:59")
    page.clock.run_for(9000)
    expect(player.clock).to_have_text("0:50")
    player.button("Pause").click()
    page.clock.run_for(5000)
    expect(player.clock).to_have_text("0:50")

    player.button("Next step").click()
    expect(player.progress).to_have_text("Step 2 of 5 · Supine figure four")
    expect(player.shown.get_by_role("heading", level=3)).to_have_text("Supine figure four")
    expect(player.says).to_have_text("Step 2 of 5: Supine figure four. Left side.")
    expect(player.phase).to_have_text("Left side")
    expect(player.clock).to_have_text("1:00")
    player.button("Start").click()
    page.clock.run_for(59_000)
    expect(player.clock).to_have_text("0:01")
    expect(player.says).not_to_contain_text("Right side")
    page.clock.run_for(1000)
    expect(player.says).to_have_text("Left side done. Right side next: start when you are ready.")
    expect(player.phase).to_have_text("Right side")
    expect(player.clock).to_have_text("1:00")
    page.clock.run_for(3000)
    expect(player.clock).to_have_text("1:00")  # waits while the reader changes sides
    player.button("Start").click()
    page.clock.run_for(60_000)
    expect(player.says).to_have_text("Step 2 done. Next: Cat-cow.")
    expect(player.phase).to_have_text("Done")

    page.keyboard.press("ArrowRight")
    expect(player.progress).to_have_text("Step 3 of 5 · Cat-cow")
    expect(player.phase).to_have_text("Repetition 1 of 3")
    expect(player.clock).to_be_hidden()
    player.button("Count one").click()
    expect(player.phase).to_have_text("Repetition 2 of 3")
    page.keyboard.press("ArrowLeft")
    expect(player.progress).to_have_text("Step 2 of 5 · Supine figure four")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(player.progress).to_have_text("Step 4 of 5 · Pelvic rocks")
    expect(page).to_have_url(re.compile("#step-4$"))

    # Space starts and pauses; on the focused button it presses it once, not twice.
    expect(player.clock).to_have_text("0:05")
    page.evaluate("() => document.activeElement.blur()")
    page.keyboard.press("Space")
    expect(player.button("Pause")).to_be_visible()
    page.clock.run_for(5000)
    expect(player.says).to_have_text("Repetition 2 of 3")
    page.clock.run_for(2000)
    expect(player.clock).to_have_text("0:03")
    page.keyboard.press("Space")
    expect(player.button("Start")).to_be_visible()
    page.clock.run_for(2000)
    expect(player.clock).to_have_text("0:03")
    player.button("Start").focus()
    page.keyboard.press("Space")
    expect(player.button("Pause")).to_be_focused()
    page.clock.run_for(1000)
    expect(player.clock).to_have_text("0:02")

    player.button("Next step").click()
    expect(player.progress).to_have_text("Step 5 of 5 · Roll to standing")
    expect(player.phase).to_have_text("No timer: take the time you need")
    expect(player.clock).to_be_hidden()
    expect(player.button("Next step")).to_have_attribute("aria-disabled", "true")
    player.button("Next step").click(force=True)
    page.keyboard.press("ArrowRight")
    expect(player.progress).to_have_text("Step 5 of 5 · Roll to standing")
    # A step without a timer is done when the reader says so: here, the last one.
    player.button("Done").click()
    expect(page.get_by_role("heading", name="Sequence done")).to_be_focused()
    expect(page.locator("#player")).to_be_hidden()
    assert csp_violations == []


def test_the_buttons_sit_at_the_bottom_of_a_phone_screen_within_reach(live_server, page, sequence):
    page.set_viewport_size(PHONE)
    page.goto(practice(live_server, sequence))

    for name in ("Previous step", "Start", "Next step"):
        box = Player(page).button(name).bounding_box()
        assert box["height"] >= 48, (name, box)
        assert PHONE["height"] * 0.7 < box["y"] and box["y"] + box["height"] <= PHONE["height"]
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    # Scrolled down the instructions, the buttons stay where the thumb is.
    page.mouse.wheel(0, 600)
    box = Player(page).button("Start").bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]


def test_the_chime_can_be_muted_for_good_and_the_screen_stays_awake_while_timing(
    live_server, page, sequence
):
    page.add_init_script(SPIES)
    page.clock.install()
    page.goto(practice(live_server, sequence))
    page.clock.pause_at(datetime(2030, 1, 1))
    player = Player(page)
    player.button("Hands-free").click()
    mute = player.button("Mute sound")
    expect(mute).to_have_attribute("aria-pressed", "false")

    player.button("Start").click()
    assert page.evaluate("() => locks.map(lock => [lock.type, lock.released])") == [
        ["screen", False]
    ]
    player.button("Pause").click()
    assert page.evaluate("() => locks.map(lock => lock.released)") == [True]
    player.button("Start").click()
    # A hidden page loses its lock; back in view, the running timer asks for another.
    page.evaluate("() => locks[1].release()")
    page.evaluate("() => document.dispatchEvent(new Event('visibilitychange'))")
    assert page.evaluate("() => locks.map(lock => lock.released)") == [True, True, False]
    page.clock.run_for(60_000)
    expect(player.says).to_contain_text("Step 1 done")
    assert page.evaluate("() => tones") == 2
    assert page.evaluate("() => locks.map(lock => lock.released)") == [True, True, True]

    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    page.reload()
    page.clock.pause_at(datetime(2030, 1, 2))
    expect(mute).to_have_attribute("aria-pressed", "true")
    player.button("Start").click()
    page.clock.run_for(60_000)
    expect(player.says).to_contain_text("Step 1 done")
    assert page.evaluate("() => tones") == 0


def test_without_javascript_the_page_is_the_list_of_steps_with_their_times(
    live_server, browser, sequence
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(practice(live_server, sequence))

    steps = page.locator("ol.steps > li")
    expect(steps).to_have_count(5)
    for n in range(5):
        expect(steps.nth(n)).to_be_visible()
    expect(steps.get_by_role("heading", level=3)).to_have_text(
        ["Constructive rest", "Supine figure four", "Cat-cow", "Pelvic rocks", "Roll to standing"]
    )
    expect(steps.locator(".dosage")).to_have_text(
        [
            "Hold 1 minute",
            "Hold 1 minute each side",
            "3 times",
            "3 times, holding 5 seconds each time",
        ]
    )
    expect(page.locator("#player")).to_be_hidden()
    expect(page.get_by_role("button", name="Start")).to_have_count(0)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_printed_mid_practice_the_page_is_every_step_without_the_player(
    live_server, page, sequence
):
    page.goto(practice(live_server, sequence))
    player = Player(page)
    player.button("Next step").click()
    expect(player.shown).to_have_count(1)

    page.emulate_media(media="print")

    expect(player.shown).to_have_count(5)
    expect(page.locator("#player")).to_be_hidden()
    page.emulate_media(media="screen")
    expect(player.shown.get_by_role("heading", level=3)).to_have_text("Supine figure four")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_practice_page_passes_axe_and_the_html_checker(
    live_server, browser, axe, html_errors, sequence, scheme
):
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    # Not paused: axe waits on timers of its own.
    page.clock.install()
    url = practice(live_server, sequence)
    page.goto(url)
    player = Player(page)
    expect(player.progress).to_have_text("Step 1 of 5 · Constructive rest")
    assert axe(page) == [], "first step"

    player.button("Next step").click()
    player.button("Start").click()
    expect(player.button("Pause")).to_be_visible()
    player.button("Mute sound").click()
    assert axe(page) == [], "running, muted"
    page.clock.fast_forward(60_000)
    expect(player.phase).to_have_text("Get ready: Right side")
    assert axe(page) == [], "getting ready"
    pages = {"sent": page.request.get(url).text(), "player": page.content()}
    player.button("Pause").click()
    for _ in range(3):
        player.button("Next step").click()
    expect(player.progress).to_have_text("Step 5 of 5 · Roll to standing")
    assert axe(page) == [], "last step"
    player.button("Done").click()
    expect(page.get_by_role("heading", name="Sequence done")).to_be_visible()
    assert axe(page) == [], "sequence done"
    pages["done"] = page.content()
    assert html_errors(pages) == []
    context.close()
