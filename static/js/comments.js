// Progressive enhancement: a "Reply" link moves the comment form under the comment it
// answers. Without this script the same link reloads the page with ?replyto=<id>, and
// the server renders the form for that reply instead.
(function () {
  "use strict";
  const respond = document.getElementById("respond");
  const form = document.getElementById("comment-form");
  if (!respond || !form) return;

  const title = document.getElementById("respond-title");
  const home = document.createElement("div");
  respond.before(home);
  let cancel = document.getElementById("cancel-reply");
  if (!cancel) {
    cancel = document.createElement("a");
    cancel.id = "cancel-reply";
    cancel.href = "#respond";
    cancel.textContent = "Cancel reply";
    cancel.hidden = true;
    const line = document.createElement("p");
    line.append(cancel);
    title.after(line);
  }

  function replyTo(link) {
    const comment = document.getElementById("comment-" + link.dataset.replyTo);
    if (!comment) return;
    const quote = document.getElementById("respond-quote");
    if (quote) quote.remove();
    form.elements.parent.value = link.dataset.replyTo;
    title.textContent = "Reply to " + link.dataset.replyName;
    cancel.hidden = false;
    link.closest(".comment__actions").after(respond);
    form.elements.body.focus();
  }

  function cancelReply() {
    form.elements.parent.value = "";
    title.textContent = "Leave a Reply";
    cancel.hidden = true;
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
