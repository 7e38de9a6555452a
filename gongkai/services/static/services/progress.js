// The import page's progress: read the run's figures every two seconds while it runs, and
// reload the page once it is done (so the rejects link and the final figures show).
(function () {
  var box = document.getElementById("sv-run");
  if (!box || box.dataset.active !== "1") return;
  var url = box.dataset.progressUrl;
  function set(name, value) {
    var el = box.querySelector('[data-field="' + name + '"]');
    if (!el) return;
    if (el.tagName === "PROGRESS") el.value = value; else el.textContent = value;
  }
  function tick() {
    fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
      ["state_label", "rows_read", "created", "updated", "unchanged", "rejected"].forEach(function (k) { set(k, data[k]); });
      set("total_rows", data.total_rows === null ? "—" : data.total_rows);
      set("percent", data.percent);
      set("percent-text", data.percent + "%");
      if (data.active) setTimeout(tick, 2000); else window.location.reload();
    }).catch(function () { setTimeout(tick, 5000); });
  }
  setTimeout(tick, 1000);
})();
