/* Participation analytics: draws each chart of the page with ECharts (served by the platform, no
   CDN) from the JSON the server wrote with json_script, and offers each as a PNG (getDataURL,
   downloaded in the browser). The data tables beside the charts are the same numbers, server-drawn. */
(function () {
  "use strict";
  var source = document.getElementById("analytics-charts");
  if (!source || typeof echarts === "undefined") return;
  var specs = JSON.parse(source.textContent);
  var charts = {};

  function option(spec) {
    var ranking = spec.kind === "ranking";
    var series = spec.series.map(function (s) {
      return {
        name: s.name,
        type: spec.kind === "line" ? "line" : "bar",
        data: ranking ? s.data.slice().reverse() : s.data,
        smooth: false,
        label: ranking ? { show: true, position: "right" } : undefined,
      };
    });
    var names = ranking ? spec.categories.slice().reverse() : spec.categories;
    var categoryAxis = {
      type: "category",
      data: names,
      axisLabel: ranking
        ? { width: 160, overflow: "truncate" }
        : { interval: "auto", rotate: names.length > 12 ? 45 : 0 },
    };
    return {
      animation: false, // a chart saved or printed at once is complete
      backgroundColor: "#ffffff",
      tooltip: { trigger: "axis" },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: ranking ? 170 : 50, right: 40, top: spec.series.length > 1 ? 36 : 16, bottom: 40, containLabel: false },
      xAxis: ranking ? { type: "value", minInterval: 1 } : categoryAxis,
      yAxis: ranking ? categoryAxis : { type: "value", minInterval: 1 },
      series: series,
    };
  }

  specs.forEach(function (spec) {
    var el = document.getElementById("an-chart-" + spec.key);
    if (!el) return;
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption(option(spec));
    charts[spec.key] = chart;
  });

  document.querySelectorAll(".an-png").forEach(function (button) {
    var chart = charts[button.getAttribute("data-chart")];
    if (!chart) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var link = document.createElement("a");
      link.href = chart.getDataURL({ type: "png", pixelRatio: 2, backgroundColor: "#ffffff" });
      link.download = button.getAttribute("data-filename") || "chart.png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  });

  var pending;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(function () {
      Object.keys(charts).forEach(function (key) { charts[key].resize(); });
    }, 150);
  });
  window.addEventListener("beforeprint", function () {
    Object.keys(charts).forEach(function (key) { charts[key].resize(); });
  });
})();
