/* Portal shell: font size (大/中/小), care mode (关怀模式), print, and the phone menu.
 * No inline handlers: everything is wired here from data attributes. */
(function () {
  "use strict";
  var root = document.documentElement;
  var FONT_KEY = "gongkai.fontSize";
  var CARE_KEY = "gongkai.careMode";
  var FONTS = ["large", "medium", "small"];

  function save(key, value) {
    try {
      if (value === null) {
        window.localStorage.removeItem(key);
      } else {
        window.localStorage.setItem(key, value);
      }
    } catch (e) {
      /* Not persisted; the change still applies to this page. */
    }
  }

  function currentFont() {
    if (root.classList.contains("font-large")) return "large";
    if (root.classList.contains("font-small")) return "small";
    return "medium";
  }

  function showState() {
    var font = currentFont();
    document.querySelectorAll("[data-font]").forEach(function (btn) {
      btn.setAttribute("aria-pressed", String(btn.getAttribute("data-font") === font));
    });
    var care = root.classList.contains("care-mode");
    document.querySelectorAll("[data-care-toggle]").forEach(function (btn) {
      btn.setAttribute("aria-pressed", String(care));
    });
  }

  function setFont(font) {
    if (FONTS.indexOf(font) < 0) return;
    root.classList.remove("font-large", "font-small");
    if (font !== "medium") root.classList.add("font-" + font);
    save(FONT_KEY, font === "medium" ? null : font);
    showState();
  }

  function toggleCare() {
    var on = !root.classList.contains("care-mode");
    root.classList.toggle("care-mode", on);
    save(CARE_KEY, on ? "on" : null);
    showState();
  }

  document.addEventListener("click", function (event) {
    var target = event.target.closest("[data-font], [data-care-toggle], [data-print], .nav-toggle");
    if (!target) return;
    if (target.hasAttribute("data-font")) {
      setFont(target.getAttribute("data-font"));
    } else if (target.hasAttribute("data-care-toggle")) {
      toggleCare();
    } else if (target.hasAttribute("data-print")) {
      window.print();
    } else {
      var list = document.getElementById(target.getAttribute("aria-controls"));
      var open = target.getAttribute("aria-expanded") !== "true";
      target.setAttribute("aria-expanded", String(open));
      if (list) list.classList.toggle("is-open", open);
    }
  });

  document.querySelectorAll("[data-print]").forEach(function (btn) {
    btn.hidden = false;
  });
  showState();
})();
