// Practice mode. The server sends the post's sequence as a list, each step with its timing
// in data-* attributes, and a player it keeps hidden; without this script the reader gets
// the list, and so does a printer (site.css shows one step on screens only). Here the list
// shows one step at a time, under it the player: a countdown for each hold, run twice
// (left, then right) for an "each side" step, repetitions counted, a soft chime when a
// hold ends, and the screen kept awake while the clock runs.
(function () {
  "use strict";
  const practice = document.getElementById("practice");
  const player = document.getElementById("player");
  const list = practice && practice.querySelector("ol.steps");
  if (!player || !list) return;

  const SIDES = ["Left side", "Right side"];
  const MUTED_KEY = "align:practice-muted";
  const TICK_MS = 200;

  const steps = Array.from(list.children).map(function (item) {
    const hold = Number(item.dataset.hold) * 1000 || 0;
    const repetitions = Number(item.dataset.repetitions) || 0;
    // Sides are timed or counted; a step with neither is read at the reader's own pace.
    const paced = hold > 0 || repetitions > 0;
    return {
      item: item,
      name: item.querySelector("h3").textContent.trim(),
      hold: hold,
      repetitions: repetitions,
      sides: paced && item.dataset.eachSide === "true" ? SIDES : [""],
      kind: hold ? "hold" : repetitions ? "count" : "free",
    };
  });
  const progress = document.getElementById("player-progress");
  const phaseLine = document.getElementById("player-phase");
  const clock = document.getElementById("player-clock");
  const main = document.getElementById("player-main");
  const previous = document.getElementById("player-previous");
  const next = document.getElementById("player-next");
  const mute = document.getElementById("player-mute");
  const says = document.getElementById("player-says");

  // Where the reader is: the step, its side, its repetition (from 1), the hold's time left.
  let index = 0;
  let side = 0;
  let repetition = 1;
  let left = 0;
  let endsAt = 0;
  let ticking = null;
  let finished = false;

  function step() {
    return steps[index];
  }

  function running() {
    return ticking !== null;
  }

  function clockText(ms) {
    const seconds = Math.ceil(ms / 1000);
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  function phase() {
    const now = step();
    if (finished) return "Done";
    if (now.kind === "free") return "No timer: take the time you need";
    const parts = now.sides[side] ? [now.sides[side]] : [];
    if (now.repetitions) {
      parts.push((parts.length ? "repetition " : "Repetition ") + repetition + " of " + now.repetitions);
    }
    return parts.join(", ") || "Hold";
  }

  function offWhen(button, off) {
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    if (off) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }

  function render() {
    const now = step();
    progress.textContent = "Step " + (index + 1) + " of " + steps.length;
    phaseLine.textContent = phase();
    clock.hidden = now.kind !== "hold";
    clock.textContent = clockText(left);
    if (finished) main.textContent = "Start again";
    else if (now.kind === "count") main.textContent = "Count one";
    else main.textContent = running() ? "Pause" : "Start";
    offWhen(main, now.kind === "free");
    offWhen(previous, index === 0);
    offWhen(next, index === steps.length - 1);
  }

  function say(text) {
    says.textContent = text;
  }

  function restartStep() {
    side = 0;
    repetition = 1;
    left = step().hold;
    finished = false;
  }

  function show(target) {
    pause();
    index = target;
    restartStep();
    steps.forEach(function (each, n) {
      each.item.classList.toggle("step--current", n === index);
    });
    render();
  }

  function go(delta) {
    const target = index + delta;
    if (target < 0 || target >= steps.length) return;
    show(target);
    const item = step().item;
    if (item.getBoundingClientRect().top < 0) item.scrollIntoView();
    history.replaceState(null, "", "#" + item.id);
    const sideNow = step().sides[0];
    say(
      "Step " + (index + 1) + " of " + steps.length + ": " + step().name + "." +
        (sideNow ? " " + sideNow + "." : "")
    );
  }

  function start() {
    if (finished) restartStep();
    wakeSound();
    endsAt = Date.now() + left;
    ticking = setInterval(tick, TICK_MS);
    keepAwake();
    render();
  }

  function pause() {
    if (!running()) return;
    clearInterval(ticking);
    ticking = null;
    left = Math.max(0, endsAt - Date.now());
    letSleep();
    render();
  }

  function tick() {
    left = Math.max(0, endsAt - Date.now());
    clock.textContent = clockText(left);
    if (left === 0) holdEnded();
  }

  // After a hold or a counted repetition: the next repetition, the other side, or the end.
  function advance() {
    if (repetition < step().repetitions) {
      repetition += 1;
      return "repetition";
    }
    if (side < step().sides.length - 1) {
      side += 1;
      repetition = 1;
      return "side";
    }
    return "done";
  }

  function holdEnded() {
    chime();
    const after = advance();
    if (after === "repetition") {
      // The next repetition follows at once; changing sides waits for the reader.
      left = step().hold;
      endsAt = Date.now() + left;
      render();
      say(phase());
      return;
    }
    pause();
    if (after === "side") {
      left = step().hold;
      render();
      sideChanged();
    } else {
      finish();
    }
  }

  function countOne() {
    if (finished) {
      restartStep();
      render();
      say(phase());
      return;
    }
    const after = advance();
    render();
    if (after === "repetition") say(phase());
    else if (after === "side") sideChanged();
    else finish();
  }

  function sideChanged() {
    const now = step();
    say(
      now.sides[side - 1] + " done. " + now.sides[side] + " next: " +
        (now.kind === "hold" ? "start when you are ready." : "count each repetition.")
    );
  }

  function finish() {
    finished = true;
    left = 0;
    render();
    const following = steps[index + 1];
    say(
      "Step " + (index + 1) + " done. " +
        (following ? "Next: " + following.name + "." : "That was the last step. Well done.")
    );
  }

  function primary() {
    const kind = step().kind;
    if (kind === "count") countOne();
    else if (kind === "hold") running() ? pause() : start();
  }

  // Sound: a soft two-note chime made by the browser, no file to fetch. A page may only
  // start its sound after a tap or key press, so the audio context is made on Start.
  let audio = null;
  let muted = false;
  try {
    muted = localStorage.getItem(MUTED_KEY) === "1";
  } catch (error) {
    // Storage refused (private browsing, say): the chime stays on, unremembered.
  }

  function wakeSound() {
    const Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      audio = audio || new Context();
      if (audio.state === "suspended") audio.resume();
    } catch (error) {
      audio = null;
    }
  }

  function chime() {
    if (muted || !audio) return;
    const now = audio.currentTime;
    [523.25, 783.99].forEach(function (pitch, n) {
      const at = now + n * 0.3;
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.type = "sine";
      tone.frequency.value = pitch;
      volume.gain.setValueAtTime(0.0001, at);
      volume.gain.exponentialRampToValueAtTime(0.15, at + 0.04);
      volume.gain.exponentialRampToValueAtTime(0.0001, at + 1.2);
      tone.connect(volume).connect(audio.destination);
      tone.start(at);
      tone.stop(at + 1.25);
    });
  }

  function showMuted() {
    mute.setAttribute("aria-pressed", String(muted));
  }

  mute.addEventListener("click", function () {
    muted = !muted;
    showMuted();
    try {
      if (muted) localStorage.setItem(MUTED_KEY, "1");
      else localStorage.removeItem(MUTED_KEY);
    } catch (error) {
      // Not remembered: this page still obeys it.
    }
  });

  // The screen stays on while a hold runs, where the browser offers a wake lock.
  let lock = null; // the pending or granted request
  function keepAwake() {
    if (lock || !navigator.wakeLock) return;
    const request = navigator.wakeLock
      .request("screen")
      .then(function (sentinel) {
        // The browser lets go when the page is hidden; visibilitychange asks again.
        sentinel.addEventListener("release", function () {
          if (lock === request) lock = null;
        });
        return sentinel;
      })
      .catch(function () {
        if (lock === request) lock = null;
        return null;
      });
    lock = request;
  }

  function letSleep() {
    const request = lock;
    lock = null;
    if (!request) return;
    request.then(function (sentinel) {
      if (sentinel && !sentinel.released) sentinel.release().catch(function () {});
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && running()) keepAwake();
  });

  main.addEventListener("click", function () {
    if (!main.hasAttribute("aria-disabled")) primary();
  });
  previous.addEventListener("click", function () {
    go(-1);
  });
  next.addEventListener("click", function () {
    go(1);
  });

  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const target = event.target;
    if (target.closest("input, textarea, select, [contenteditable]")) return;
    if (event.key === " ") {
      // On a button space already presses it: handling it here too would toggle twice.
      if (target.closest("button, summary, [role='button']")) return;
      event.preventDefault();
      primary();
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      event.preventDefault();
      go(event.key === "ArrowLeft" ? -1 : 1);
    }
  });

  const asked = /^#step-(\d+)$/.exec(location.hash);
  const first = asked ? Math.min(Math.max(Number(asked[1]), 1), steps.length) - 1 : 0;
  practice.classList.add("practice--player");
  document.querySelectorAll("[data-player]").forEach(function (element) {
    element.hidden = false;
  });
  showMuted();
  show(first);
})();
