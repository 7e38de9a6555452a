/* Reading preferences, applied in <head> before the first paint so the page never flickers.
 * Loaded synchronously; portal.js wires the buttons. Keys are shared with portal.js. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  try {
    var font = window.localStorage.getItem("gongkai.fontSize");
    if (font === "large" || font === "small") {
      root.classList.add("font-" + font);
    }
    if (window.localStorage.getItem("gongkai.careMode") === "on") {
      root.classList.add("care-mode");
    }
  } catch (e) {
    /* Storage may be disabled (private mode, strict policies): the defaults apply. */
  }
})();
