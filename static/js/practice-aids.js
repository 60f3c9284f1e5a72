// What practice mode's player (static/js/practice.js, loaded after this) uses besides the
// order of the steps: the steps read from the page, the reader's switches remembered by this
// browser, a chime, spoken cues, the screen kept awake, the clock's words and the scrolling.
// Each is skipped quietly where the browser lacks what it needs.
window.practiceAids = (function () {
  "use strict";

  function remembered(key) {
    try {
      return localStorage.getItem(key);
    } catch (error) {
      return null; // storage refused (private browsing, say): the defaults, unremembered
    }
  }

  function remember(key, value) {
    try {
      localStorage.setItem(key, value);
    } catch (error) {
      // Not remembered: this page still obeys it.
    }
  }

  // A switch: a button whose aria-pressed is its state, kept under `key`; `changed` hears
  // each press. Returns a function that tells whether it is on.
  function toggle(button, key, byDefault, changed) {
    const kept = remembered(key);
    let on = kept === null ? byDefault : kept === "1";
    button.setAttribute("aria-pressed", String(on));
    button.addEventListener("click", function () {
      on = !on;
      button.setAttribute("aria-pressed", String(on));
      remember(key, on ? "1" : "0");
      if (changed) changed(on);
    });
    return function () {
      return on;
    };
  }

  // A soft two-note chime made by the browser, no file to fetch. A page may only start its
  // sound after a tap or key press, so `wake` is called from one (Start).
  function chime(muted) {
    let audio = null;
    return {
      wake: function () {
        const Context = window.AudioContext || window.webkitAudioContext;
        if (!Context) return;
        try {
          audio = audio || new Context();
          if (audio.state === "suspended") audio.resume();
        } catch (error) {
          audio = null;
        }
      },
      ring: function () {
        if (muted() || !audio) return;
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
      },
    };
  }

  // Spoken cues in the browser's own voices, never a recording fetched from elsewhere. The
  // switch is offered only while the browser has a voice to speak with: some have none, and
  // some find theirs a moment after the page loads.
  function voice(button, key) {
    const synth = window.speechSynthesis;
    function ready() {
      return Boolean(synth && window.SpeechSynthesisUtterance && synth.getVoices().length);
    }
    function say(text) {
      if (!wanted() || !text || !ready()) return;
      synth.cancel(); // a cue late behind another would come at the wrong moment
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = document.documentElement.lang || "en";
      synth.speak(utterance);
    }
    const wanted = toggle(button, key, false, function (on) {
      // Some browsers speak only once a tap has let them: this first cue unlocks the rest.
      if (on) say("Spoken cues on");
      else if (synth) synth.cancel();
    });
    function offer() {
      button.hidden = !ready();
    }
    if (synth && synth.addEventListener) synth.addEventListener("voiceschanged", offer);
    offer();
    return say;
  }

  // The screen kept on while a clock runs, where the browser offers a wake lock. The browser
  // lets go when the page is hidden; `keep` asks again when it is shown.
  function screen() {
    let lock = null; // the pending or granted request
    return {
      keep: function () {
        if (lock || !navigator.wakeLock) return;
        const request = navigator.wakeLock
          .request("screen")
          .then(function (sentinel) {
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
      },
      letGo: function () {
        const request = lock;
        lock = null;
        if (!request) return;
        request.then(function (sentinel) {
          if (sentinel && !sentinel.released) sentinel.release().catch(function () {});
        });
      },
    };
  }

  function count(value, otherwise) {
    const number = Number(value);
    return value && Number.isInteger(number) && number >= 0 ? number : otherwise;
  }

  // The sequence's steps as the server lists them, each with its timing in data-* attributes.
  function steps(list) {
    return Array.from(list.children).map(function (item) {
      const hold = count(item.dataset.hold, 0) * 1000;
      // "8-10 times": the player counts to the upper bound.
      const repetitions =
        count(item.dataset.repetitionsMax, 0) || count(item.dataset.repetitions, 0);
      // Sides and sets are timed or counted; a step with neither is read at one's own pace.
      const paced = hold > 0 || repetitions > 0;
      return {
        item: item,
        name: item.querySelector("h3").textContent.trim(),
        hold: hold, // milliseconds
        repetitions: repetitions,
        sets: paced ? Math.max(1, count(item.dataset.sets, 1)) : 1,
        sides: paced && item.dataset.eachSide === "true" ? ["Left side", "Right side"] : [""],
        kind: hold ? "hold" : repetitions ? "count" : "free",
      };
    });
  }

  function clockText(ms) {
    const seconds = Math.ceil(ms / 1000);
    return Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
  }

  // "12 minutes 15 seconds"
  function durationWords(ms) {
    const seconds = Math.round(ms / 1000);
    const parts = [
      [Math.floor(seconds / 3600), "hour"],
      [Math.floor(seconds / 60) % 60, "minute"],
      [seconds % 60, "second"],
    ];
    const words = parts
      .filter(function (part) {
        return part[0];
      })
      .map(function (part) {
        return part[0] + " " + part[1] + (part[0] === 1 ? "" : "s");
      });
    return words.join(" ") || "0 seconds";
  }

  // Scrolls `item` to the top of the screen unless it is in view down to `cue`'s end, clear
  // of `player` where the player lies over it (on a phone) rather than beside it.
  function reveal(item, cue, player) {
    const box = item.getBoundingClientRect();
    const shelter = player.getBoundingClientRect();
    const beside = shelter.left >= box.right || shelter.right <= box.left;
    const limit = window.innerHeight - (beside ? 0 : player.offsetHeight);
    if (box.top >= 0 && cue.getBoundingClientRect().bottom <= limit) return;
    // At once, not smoothly: what it shows has already changed under the reader's eyes.
    window.scrollBy({ top: box.top - 8, behavior: "instant" });
  }

  // The player's height as --player-height on `around`, for the stylesheet to fit a step's
  // photo above the player on a phone.
  function measure(player, around) {
    function write() {
      around.style.setProperty("--player-height", player.offsetHeight + "px");
    }
    if (window.ResizeObserver) new ResizeObserver(write).observe(player);
    write();
  }

  return {
    steps: steps,
    toggle: toggle,
    chime: chime,
    voice: voice,
    screen: screen,
    clockText: clockText,
    durationWords: durationWords,
    reveal: reveal,
    measure: measure,
  };
})();
