/* The policy editor's live preview: after a pause in typing, the form is sent to the server,
   which renders the draft with the unsaved input; nothing is saved. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-preview-url]");
  var pane = document.getElementById("policy-live-preview");
  if (!form || !pane || !window.fetch || !window.FormData) {
    return;
  }
  var timer = null;
  var sent = 0;
  var anchor = form.getAttribute("data-preview-anchor");

  function showEditedSection() {
    var target = anchor ? document.getElementById(anchor) : null;
    if (target && pane.contains(target)) {
      pane.scrollTop += target.getBoundingClientRect().top - pane.getBoundingClientRect().top - 8;
    }
  }

  function refresh() {
    var mine = ++sent;
    var data = new FormData(form);
    data.delete("move");
    form.querySelectorAll("input[type=file]").forEach(function (input) { data.delete(input.name); });
    fetch(form.getAttribute("data-preview-url"), { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (html !== null && mine === sent) {
          var kept = pane.scrollTop;
          pane.innerHTML = html;
          pane.scrollTop = kept;
        }
      })
      .catch(function () { /* the preview simply stays as it was */ });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 500);
  }

  showEditedSection();
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
