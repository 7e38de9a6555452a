/* View count (浏览次数): one POST per page load, then the new count is shown.
 * The page's HTML never writes to the database, so it can be cached; robots that do not run
 * scripts are not counted, and the server ignores those that announce themselves. */
(function () {
  "use strict";
  var holder = document.querySelector("[data-hit-url]");
  if (!holder || !window.fetch) return;
  var output = holder.querySelector("[data-hit-count]");
  window
    .fetch(holder.getAttribute("data-hit-url"), {
      method: "POST",
      headers: { "X-Requested-With": "gongkai-hit" },
      credentials: "same-origin",
      cache: "no-store",
    })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(function (data) {
      if (output && data && typeof data.views === "number") {
        output.textContent = String(data.views);
        holder.setAttribute("data-hit-done", "");
      }
    })
    .catch(function () {
      /* The count shown by the server stays; nothing else depends on it. */
    });
})();
