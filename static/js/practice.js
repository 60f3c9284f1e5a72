// Practice mode. The server sends the post's sequence as a list, each step with its timing
// in data-* attributes, and a player it keeps hidden; without this script the reader gets
// the list, and so does a printer (site.css shows one step on screens only). Here the list
// shows one step at a time, and the player runs it: a countdown for each hold, run on each
// side and in each set, repetitions counted, a soft chime when a hold ends, the screen kept
// awake while a clock runs. Hands-free (on unless the reader turns it off), what comes next
// starts by itself after a short "Get ready" pause, so nobody lying on the floor has to get
// up to press Next; spoken cues, where the browser has voices and the reader asks for them.
(function () {
  "use strict";
  const practice = document.getElementById("practice");
  const player = document.getElementById("player");
  const list = practice && practice.querySelector("ol.steps");
  const aids = window.practiceAids;
  if (!player || !list || !aids) return;

  const KEYS = {
    muted: "align:practice-muted",
    handsFree: "align:practice-hands-free",
    speak: "align:practice-speak",
  };
  const TICK_MS = 200;
  const READY_MS = 5000;
  const steps = aids.steps(list);
  const element = document.getElementById.bind(document);
  const progress = element("player-progress");
  const phaseLine = element("player-phase");
  const clock = element("player-clock");
  const main = element("player-main");
  const previous = element("player-previous");
  const next = element("player-next");
  const says = element("player-says");
  const doneBox = element("practice-done");
  const doneTitle = element("practice-done-title");
  const total = element("practice-total");

  // Where the reader is: the step, its set and side, its repetition (from 1), and the time
  // left on the clock, which counts down a hold or a "Get ready" pause.
  let index = 0;
  let set = 1;
  let side = 0;
  let repetition = 1;
  let left = 0;
  let endsAt = 0;
  let ticking = null;
  let ready = ""; // while a "Get ready" pause runs: what it says
  let finished = false; // the step's every part done, hands-free off: it waits for the reader
  let over = false; // the sequence done
  let startedAt = 0;

  function step() {
    return steps[index];
  }

  function began() {
    if (!startedAt) startedAt = Date.now();
  }

  function running() {
    return ticking !== null;
  }

  function capitalized(text) {
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  // "Set 2 of 3, left side, repetition 4 of 10": the part of the step now, or about to start.
  function part(withRepetition) {
    const now = step();
    const parts = [];
    if (now.sets > 1) parts.push("set " + set + " of " + now.sets);
    if (now.sides[side]) parts.push(now.sides[side].toLowerCase());
    if (withRepetition && now.repetitions) {
      parts.push("repetition " + repetition + " of " + now.repetitions);
    }
    return capitalized(parts.join(", "));
  }

  function phase() {
    if (ready) return ready;
    if (finished) return "Done";
    if (step().kind === "free") return "No timer: take the time you need";
    return part(true) || "Hold";
  }

  function offWhen(button, off) {
    // aria-disabled, not disabled: a disabled button would drop the keyboard focus.
    if (off) button.setAttribute("aria-disabled", "true");
    else button.removeAttribute("aria-disabled");
  }

  function render() {
    const now = step();
    progress.textContent = "Step " + (index + 1) + " of " + steps.length + " · " + now.name;
    phaseLine.textContent = phase();
    clock.hidden = !ready && now.kind !== "hold";
    clock.classList.toggle("player__clock--ready", Boolean(ready));
    clock.textContent = aids.clockText(left);
    if (running()) main.textContent = "Pause";
    else if (finished) main.textContent = "Start again";
    else if (now.kind === "count") main.textContent = "Count one";
    else if (now.kind === "free") main.textContent = "Done";
    else main.textContent = "Start";
    offWhen(previous, index === 0);
    offWhen(next, index === steps.length - 1);
  }

  function say(text) {
    says.textContent = text;
  }

  function restartStep() {
    set = 1;
    side = 0;
    repetition = 1;
    left = step().hold;
    finished = false;
  }

  // On a phone the player covers the bottom of the screen: the step's name, photo and dosage
  // are scrolled up above it where they are not in view already.
  function reveal() {
    const item = step().item;
    aids.reveal(item, item.querySelector(".dosage") || item.querySelector("h3"), player);
  }

  function show(target) {
    stop();
    index = target;
    restartStep();
    steps.forEach(function (each, n) {
      each.item.classList.toggle("step--current", n === index);
    });
    render();
    reveal();
    history.replaceState(null, "", "#" + step().item.id);
  }

  function arrival() {
    const sideNow = step().sides[0];
    return step().name + "." + (sideNow ? " " + sideNow + "." : "");
  }

  function go(delta) {
    const target = index + delta;
    if (over || target < 0 || target >= steps.length) return;
    // Moved on while practising hands-free: the new step starts after its pause.
    const carryOn = handsFree() && running();
    show(target);
    const news = "Step " + (index + 1) + " of " + steps.length + ": " + arrival();
    if (carryOn) getReady("Next: " + step().name, news, step().name);
    else {
      say(news);
      speak(arrival());
    }
  }

  function countDown(ms) {
    clearInterval(ticking);
    left = ms;
    endsAt = Date.now() + ms;
    ticking = setInterval(tick, TICK_MS);
    screen.keep();
  }

  function stop() {
    clearInterval(ticking);
    ticking = null;
    ready = "";
    screen.letGo();
  }

  function tick() {
    left = Math.max(0, endsAt - Date.now());
    clock.textContent = aids.clockText(left);
    if (left > 0) return;
    if (ready) readyEnded();
    else holdEnded();
  }

  // The part starts: a hold's clock runs; counted repetitions wait for the reader's count.
  function begin() {
    began();
    if (step().kind === "hold") countDown(left || step().hold);
    else stop();
    render();
  }

  function start() {
    if (finished) restartStep();
    const fresh = left === step().hold;
    chime.wake();
    reveal();
    begin();
    if (fresh && step().sides[side]) speak(step().sides[side]);
  }

  function pause() {
    if (!running()) return;
    const wasReady = ready;
    stop();
    // A pause cut short starts nothing: the part waits, whole, for Start.
    left = wasReady ? step().hold : Math.max(0, endsAt - Date.now());
    render();
  }

  // A short pause before the next part starts by itself, its countdown on the clock.
  function getReady(text, news, spoken) {
    countDown(READY_MS);
    ready = text;
    render();
    say(news);
    speak(spoken);
  }

  function readyEnded() {
    ready = "";
    left = step().hold;
    begin();
    if (step().sides[side]) speak(step().sides[side]);
  }

  // After a hold or a counted repetition: the next repetition, side or set, or the end.
  function advance() {
    if (repetition < step().repetitions) {
      repetition += 1;
      return "repetition";
    }
    repetition = 1;
    if (side < step().sides.length - 1) {
      side += 1;
      return "side";
    }
    side = 0;
    if (set < step().sets) {
      set += 1;
      return "set";
    }
    return "done";
  }

  function holdEnded() {
    chime.ring();
    const after = advance();
    if (after === "repetition") {
      // Timed repetitions follow one another at once.
      left = step().hold;
      endsAt = Date.now() + left;
      render();
      say(phase());
      return;
    }
    partEnded(after);
  }

  function countOne() {
    began();
    if (finished) {
      restartStep();
      render();
      say(phase());
      return;
    }
    const after = advance();
    render();
    if (after === "repetition") say(phase());
    else partEnded(after);
  }

  function partEnded(after) {
    if (after === "done") return stepDone();
    const was = after === "side" ? step().sides[side - 1] : "Set " + (set - 1);
    const coming = part(false);
    const spoken = after === "side" ? "Switch sides" : coming;
    left = step().hold;
    if (handsFree()) return getReady("Get ready: " + coming, "Get ready: " + coming + ".", spoken);
    stop();
    render();
    say(
      was + " done. " + coming + " next: " +
        (step().kind === "hold" ? "start when you are ready." : "count each repetition.")
    );
    speak(spoken);
  }

  function stepDone() {
    if (index === steps.length - 1) return sequenceDone();
    const following = steps[index + 1];
    const news = "Step " + (index + 1) + " done. Next: " + following.name + ".";
    if (handsFree()) {
      show(index + 1);
      getReady("Next: " + following.name, news, "Done. Next: " + following.name);
    } else if (step().kind === "free") {
      go(1);
    } else {
      stop();
      finished = true;
      left = 0;
      render();
      say(news);
      speak("Done");
    }
  }

  function sequenceDone() {
    stop();
    over = true;
    const time = aids.durationWords(startedAt ? Date.now() - startedAt : 0);
    total.textContent = "Total time: " + time;
    practice.classList.add("practice--done");
    player.hidden = true;
    doneBox.hidden = false;
    aids.reveal(doneBox, doneBox, player);
    doneTitle.focus({ preventScroll: true });
    history.replaceState(null, "", location.pathname + location.search);
    say("Sequence done. Total time: " + time + ".");
    speak("Sequence done");
  }

  element("practice-again").addEventListener("click", function () {
    over = false;
    startedAt = 0;
    practice.classList.remove("practice--done");
    doneBox.hidden = true;
    player.hidden = false;
    show(0);
    main.focus();
    say("Step 1 of " + steps.length + ": " + arrival());
  });

  function primary() {
    const kind = step().kind;
    if (running()) pause();
    else if (kind === "count") countOne();
    else if (kind === "hold") start();
    else {
      began();
      stepDone();
    }
  }

  // Hands-free turned off during a "Get ready" pause: what was coming waits for Start.
  const handsFree = aids.toggle(element("player-hands-free"), KEYS.handsFree, true, function (on) {
    if (!on && ready) pause();
  });
  const speak = aids.voice(element("player-speak"), KEYS.speak);
  const chime = aids.chime(aids.toggle(element("player-mute"), KEYS.muted, false));
  const screen = aids.screen();

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && running()) screen.keep();
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
    if (over || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
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
  document.querySelectorAll("[data-player]").forEach(function (each) {
    each.hidden = false;
  });
  aids.measure(player, practice);
  index = first;
  restartStep();
  steps[first].item.classList.add("step--current");
  render();
  if (asked) reveal();
})();
