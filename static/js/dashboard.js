// 经验交流数据看板的图表。表格是内容，图表只是补充：ECharts（只含看板用到的部分，见 frontend/echarts-dashboard.js）
// 在图表快要滚动到视野里时才加载，数据来自 <script type="application/json" id="dashboard-data">。
// 没有 JavaScript 或加载失败时，页面照常只显示数据表。
(function () {
  "use strict";
  var source = document.getElementById("dashboard-data");
  var library = document.currentScript && document.currentScript.getAttribute("data-echarts");
  var elements = Array.prototype.slice.call(document.querySelectorAll("[data-chart]"));
  if (!source || !library || !elements.length) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var drawn = [];
  var waiting = [];

  function whenLoaded(callback) {
    if (window.echarts) {
      callback();
      return;
    }
    waiting.push(callback);
    if (waiting.length > 1) {
      return;
    }
    var script = document.createElement("script");
    script.src = library;
    script.onload = function () {
      waiting.forEach(function (call) {
        call();
      });
    };
    script.onerror = function () {
      elements.forEach(function (element) {
        element.hidden = true;
      });
    };
    document.head.appendChild(script);
  }

  // The chart's colours and text size come from the stylesheet (exchange.css), so they follow the site's red,
  // 高对比度 and the 字号/长者模式 choices.
  function look(element) {
    var style = window.getComputedStyle(element);
    var colour = function (name) {
      return style.getPropertyValue(name).trim();
    };
    var size = Math.round(parseFloat(style.fontSize) * 0.875);
    var axis = {
      axisLine: { lineStyle: { color: colour("--chart-axis") } },
      axisTick: { lineStyle: { color: colour("--chart-axis") } },
      axisLabel: { color: style.color, fontSize: size },
      splitLine: { lineStyle: { color: colour("--chart-grid") } },
      nameTextStyle: { color: style.color, fontSize: size },
    };
    return {
      color: [colour("--chart-series")],
      textStyle: { fontFamily: style.fontFamily, fontSize: size, color: style.color },
      xAxis: axis,
      yAxis: axis,
      tooltip: {
        backgroundColor: colour("--chart-background"),
        borderColor: colour("--chart-axis"),
        textStyle: { fontSize: size, color: style.color },
      },
    };
  }

  // The tooltip names the period or township, the metric and the number as the table writes it (≥ 15,500份);
  // a year adds its change over the townships that reported in both periods.
  function tooltipHeading(kind) {
    return function (axis) {
      var index = data[kind].labels.indexOf(axis.value);
      var change = kind === "years" ? data.changes[index] : "";
      return change ? axis.value + "\n" + change : axis.value;
    };
  }

  // Whether the category names fit side by side (a Chinese character is about one em wide, a digit about half),
  // else they are drawn slanted.
  function labelsFit(element, labels) {
    var em = parseFloat(window.getComputedStyle(element).fontSize) * 0.875;
    var widest = Math.max.apply(
      null,
      labels.map(function (label) {
        return label.split("").reduce(function (width, character) {
          return width + (character.charCodeAt(0) > 0x2e80 ? 1 : 0.6);
        }, 0);
      })
    );
    return (widest + 1) * em * labels.length < element.clientWidth - 4 * em;
  }

  // No animation for a visitor who asked for less motion, in the system or with 长者模式.
  function still() {
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    return reduced || document.documentElement.classList.contains("elder-mode");
  }

  function draw(element) {
    var kind = element.getAttribute("data-chart");
    var series = data[kind];
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    var rotate = labelsFit(element, series.labels) ? 0 : 30;
    // richText: the tooltip is drawn inside the chart. The default HTML tooltip writes style="" attributes
    // through innerHTML, which the public CSP (no 'unsafe-inline' styles) blocks on every hover.
    chart.setOption({
      animation: !still(),
      tooltip: {
        trigger: "axis",
        renderMode: "richText",
        valueFormatter: function (value, index) {
          return data.displays[kind][index];
        },
      },
      grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
      xAxis: {
        type: "category",
        data: series.labels,
        axisLabel: { rotate: rotate, interval: 0 },
        axisPointer: { label: { formatter: tooltipHeading(kind) } },
      },
      yAxis: { type: "value", name: data.unit },
      series: [
        kind === "years"
          ? { name: data.metric, type: "line", data: series.values, symbolSize: 8, lineStyle: { width: 3 } }
          : { name: data.metric, type: "bar", data: series.values, barMaxWidth: 48 },
      ],
    });
    chart.setOption(look(element));
    drawn.push({ element: element, chart: chart });
  }

  function restyle() {
    drawn.forEach(function (item) {
      item.chart.setOption(look(item.element));
      item.chart.resize();
    });
  }

  var observer = new IntersectionObserver(
    function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          whenLoaded(function () {
            draw(entry.target);
          });
        }
      });
    },
    { rootMargin: "200px 0px" }
  );
  elements.forEach(function (element) {
    observer.observe(element);
  });

  window.addEventListener("resize", function () {
    drawn.forEach(function (item) {
      item.chart.resize();
    });
  });
  // 字号、高对比度、长者模式 are classes on <html> (preferences.js): redraw in the new colours and size.
  new MutationObserver(restyle).observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
})();
