// 经验交流数据看板：从 <script type="application/json" id="dashboard-data"> 读取数据，用 ECharts 画图。
// 没有 ECharts（或没有 JavaScript）时页面照常显示数据表。
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  if (!source || !window.echarts) {
    return;
  }
  var data = JSON.parse(source.textContent);

  function draw(element, series, type) {
    if (!series || !series.labels.length) {
      return;
    }
    element.hidden = false;
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: true },
      // richText: the tooltip is drawn inside the chart. The default HTML tooltip writes style="" attributes
      // through innerHTML, which the public CSP (no 'unsafe-inline' styles) blocks on every hover.
      tooltip: { trigger: "axis", renderMode: "richText" },
      grid: { left: 60, right: 20, bottom: 60 },
      xAxis: { type: "category", data: series.labels, axisLabel: { rotate: series.labels.length > 6 ? 30 : 0 } },
      yAxis: { type: "value", name: data.unit },
      series: [{ name: data.metric, type: type, data: series.values }],
    });
    window.addEventListener("resize", function () {
      chart.resize();
    });
  }

  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var kind = element.getAttribute("data-chart");
    draw(element, data[kind], kind === "years" ? "line" : "bar");
  });
})();
