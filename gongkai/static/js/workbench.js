/* Workbench shell: the side navigation's menu button on narrow screens, and print buttons
   ([data-print]). No inline handlers (the Content-Security-Policy allows none). */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
      return;
    }
    var toggle = event.target.closest("[data-nav-toggle]");
    if (!toggle) return;
    var panel = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    if (panel) panel.classList.toggle("is-open", open);
  });
})();
