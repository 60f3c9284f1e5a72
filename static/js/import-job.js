// The Import page while a background import runs: asks every two seconds how it is going,
// shows it, and opens the result once it has ended. A failed answer (the server busy, the
// network away) is asked again. Without scripts the page reloads itself (a <noscript> meta).
(function () {
  "use strict";
  const job = document.querySelector("[data-job-state]");
  if (!job) {
    return;
  }
  const status = job.querySelector("[role=status]");
  function ask() {
    fetch(job.dataset.jobState, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (found) {
        if (found && (found.state === "done" || found.state === "failed")) {
          window.location.reload();
          return;
        }
        if (found) {
          status.textContent = found.progress + "…";
        }
        setTimeout(ask, 2000);
      })
      .catch(function () { setTimeout(ask, 2000); });
  }
  setTimeout(ask, 2000);
})();
