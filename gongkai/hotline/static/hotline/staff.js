/* Hotline workbench: fast keyboard intake, the repeat-caller lookup, and "选用" on dispatch suggestions. */
(function () {
  "use strict";

  function intake(form) {
    // Enter in a one-line field or a select saves; in the matter box Ctrl+Enter saves (Enter is a new line).
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || event.isComposing) return;
      var target = event.target;
      var tag = target.tagName;
      if (tag === "TEXTAREA") {
        if (!(event.ctrlKey || event.metaKey)) return;
      } else if (tag !== "SELECT" && !(tag === "INPUT" && target.type !== "checkbox")) {
        return;
      }
      event.preventDefault();
      form.requestSubmit(form.querySelector("button[type=submit]"));
    });

    var phone = form.querySelector("[data-lookup]");
    var box = form.querySelector("[data-lookup-result]");
    var url = form.getAttribute("data-lookup-url");
    if (!phone || !box || !url) return;
    var timer = null;
    var asked = "";

    function show(data) {
      box.textContent = "";
      if (!data.count) { box.hidden = true; return; }
      var title = document.createElement("strong");
      title.textContent = data.message;
      box.appendChild(title);
      var list = document.createElement("ul");
      data.tickets.forEach(function (t) {
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = t.url;
        link.target = "_blank";
        link.rel = "noopener";
        link.textContent = t.number;
        link.tabIndex = -1; // keeps the keyboard order of the form: phone → name → matter …
        item.appendChild(link);
        item.appendChild(document.createTextNode(" " + t.received_at + " " + t.status));
        list.appendChild(item);
      });
      box.appendChild(list);
      box.hidden = false;
    }

    function lookup() {
      var value = phone.value.trim();
      var digits = value.replace(/\D/g, "");
      if (digits.length < 7) { show({ count: 0 }); asked = ""; return; }
      if (value === asked) return;
      asked = value;
      fetch(url + "?phone=" + encodeURIComponent(value), {
        credentials: "same-origin",
        headers: { "Accept": "application/json" }
      })
        .then(function (response) { return response.ok ? response.json() : { count: 0 }; })
        .then(function (data) { if (phone.value.trim() === value) show(data); })
        .catch(function () { /* the lookup only helps; intake works without it */ });
    }

    phone.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(lookup, 300);
    });
    phone.addEventListener("blur", lookup);
    // Typed before this script ran (it is deferred), or filled in by the browser.
    if (phone.value) lookup();
  }

  function choosers() {
    document.querySelectorAll("[data-choose-lead]").forEach(function (button) {
      button.addEventListener("click", function () {
        var select = document.getElementById("id_lead");
        if (!select) return;
        select.value = button.getAttribute("data-choose-lead");
        select.focus();
      });
    });
  }

  function start() {
    document.querySelectorAll("form[data-intake]").forEach(intake);
    choosers();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
