// Live preview for the post body in the admin: the server renders the Markdown with the
// same sanitizing code the public page uses, so what she sees is what readers get.
(function () {
  "use strict";
  function csrfToken(form) {
    const field = form.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function attach(editor) {
    const textarea = editor.querySelector("textarea");
    const output = editor.querySelector(".markdown-editor__output");
    let timer = null;
    function refresh() {
      const body = new FormData();
      body.append("body", textarea.value);
      fetch(editor.dataset.previewUrl, {
        method: "POST",
        body: body,
        headers: { "X-CSRFToken": csrfToken(textarea.form) },
        credentials: "same-origin",
      })
        .then(function (response) { return response.json(); })
        .then(function (data) { output.innerHTML = data.html || ""; })
        .catch(function () { output.textContent = "Preview unavailable just now."; });
    }
    textarea.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(refresh, 400);
    });
    refresh();
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".markdown-editor").forEach(attach);
  });
})();
