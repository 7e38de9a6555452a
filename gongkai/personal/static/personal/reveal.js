// Reveal buttons made by {% personal obj "field" %}: fetch the full value (the server checks the
// role and writes the audit trail), show it in place, and let the user hide it again.
(function () {
  "use strict";

  function csrfToken() {
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    if (match) return decodeURIComponent(match[1]);
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function reveal(box, button) {
    var text = box.querySelector(".personal-value__text");
    var body = new URLSearchParams();
    body.set("token", box.dataset.personalToken);
    body.set("purpose", box.dataset.personalPurpose || "");
    button.disabled = true;
    fetch(box.dataset.personalUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "XMLHttpRequest" },
      body: body
    })
      .then(function (response) {
        return response.json().catch(function () { return {}; }).then(function (data) {
          if (!response.ok || typeof data.value !== "string") {
            throw new Error(data.error || box.dataset.personalError);
          }
          return data.value;
        });
      })
      .then(function (value) {
        var note = box.querySelector(".personal-value__error");
        if (note) note.remove();
        box.dataset.personalMasked = text.textContent;
        text.textContent = value;
        box.dataset.personalShown = "true";
        button.dataset.labelShow = button.textContent;
        button.textContent = button.dataset.labelHide;
      })
      .catch(function (error) {
        var note = box.querySelector(".personal-value__error");
        if (!note) {
          note = document.createElement("span");
          note.className = "personal-value__error";
          note.setAttribute("role", "alert");
          box.appendChild(note);
        }
        note.textContent = " " + error.message;
      })
      .then(function () { button.disabled = false; });
  }

  function hide(box, button) {
    box.querySelector(".personal-value__text").textContent = box.dataset.personalMasked;
    delete box.dataset.personalShown;
    button.textContent = button.dataset.labelShow;
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-personal-reveal]");
    if (!button) return;
    var box = button.closest("[data-personal-token]");
    if (!box) return;
    event.preventDefault();
    if (box.dataset.personalShown) hide(box, button);
    else reveal(box, button);
  });
})();
