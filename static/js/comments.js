// Progressive enhancement: a "Reply" link moves the comment form under the comment it
// answers. Without this script the same link reloads the page with ?replyto=<id>, and
// the server renders the form for that reply instead.
(function () {
  "use strict";
  // Where the visitor lands after sending: the "Thank you" inside their comment, or the
  // list of what to fix at the top of the form. Focus takes a screen reader there too;
  // it is given once the browser has scrolled to the address's #fragment, which would
  // otherwise take it away again.
  const landing = document.getElementById("comment-sent") || document.getElementById("form-errors");
  if (landing) {
    window.addEventListener("load", function () {
      landing.focus({ preventScroll: location.hash !== "" });
    });
  }

  const respond = document.getElementById("respond");
  const form = document.getElementById("comment-form");
  if (!respond || !form) return;

  // The page is the same for every visitor (it is cached), so the form's own values (the
  // CSRF token, the stamp that times the writing, the details the visitor asked us to
  // remember) are asked for when they start writing. Without this script, the server
  // sends the form back once with them, to be sent again. A form sent back already has them.
  let state = null;
  function askState() {
    if (form.elements.csrfmiddlewaretoken.value) return Promise.resolve();
    if (!state) {
      state = fetch(form.dataset.state, {
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error("form state: " + response.status);
          return response.json();
        })
        .then(fill)
        .catch(function () {
          state = null; // asked again at the next keystroke or on sending
        });
    }
    return state;
  }

  function fill(data) {
    Object.keys(data.fields).forEach(function (name) {
      if (form.elements[name]) form.elements[name].value = data.fields[name];
    });
    const saved = data.saved || {};
    ["name", "email", "url"].forEach(function (name) {
      const field = form.elements[name];
      if (field && saved[name] && !field.value) field.value = saved[name];
    });
    if (Object.keys(saved).length && form.elements.save_info) {
      form.elements.save_info.checked = true;
    }
  }

  form.addEventListener("focusin", askState);
  form.addEventListener("input", askState);
  form.addEventListener("submit", function (event) {
    if (form.elements.csrfmiddlewaretoken.value) return;
    event.preventDefault();
    // Sent once the values are in; if they could not be had, sent anyway, and the server
    // sends the form back with them.
    askState().then(function () {
      form.submit();
    });
  });

  const title = document.getElementById("respond-title");
  const home = document.createElement("div");
  respond.before(home);
  // The page draws the link, hidden while there is no reply to cancel.
  const cancel = document.getElementById("cancel-reply");
  const cancelLine = document.getElementById("cancel-reply-line");

  function replyTo(link) {
    const comment = document.getElementById("comment-" + link.dataset.replyTo);
    if (!comment) return;
    const quote = document.getElementById("respond-quote");
    if (quote) quote.remove();
    form.elements.parent.value = link.dataset.replyTo;
    title.textContent = "Reply to " + link.dataset.replyName;
    cancelLine.hidden = false;
    link.closest(".comment__actions").after(respond);
    form.elements.body.focus();
  }

  function cancelReply() {
    form.elements.parent.value = "";
    title.textContent = "Leave a Reply";
    cancelLine.hidden = true;
    home.after(respond);
    form.elements.body.focus();
  }

  document.addEventListener("click", function (event) {
    const link = event.target.closest(".reply-link");
    if (link) {
      event.preventDefault();
      replyTo(link);
    } else if (event.target === cancel) {
      event.preventDefault();
      cancelReply();
    }
  });
})();
