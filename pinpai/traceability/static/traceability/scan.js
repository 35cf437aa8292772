/* The journey map of the scan page: the located places as labelled points on a plain plane (no base map is
   available offline) with equal scale on both axes (longitude shrunk by cos(latitude)), and the path between them
   in the order the events visit them. Data: the json_script "journey-map-data" ({points, path}). */
(function () {
  "use strict";
  var el = document.getElementById("journey-map");
  var source = document.getElementById("journey-map-data");
  if (!el || !source || typeof echarts === "undefined") { return; }
  var data = JSON.parse(source.textContent);
  if (!data.points.length) { return; }
  var lats = data.points.map(function (p) { return parseFloat(p.value[1]); });
  var midLat = (Math.min.apply(null, lats) + Math.max.apply(null, lats)) / 2;
  var k = Math.cos(midLat * Math.PI / 180);
  function xy(pair) { return [parseFloat(pair[0]) * k, parseFloat(pair[1])]; }

  var points = data.points.map(function (p) {
    return {name: p.name, value: xy(p.value), kind: p.kind, enterprise: p.enterprise};
  });
  var east = (Math.min.apply(null, points.map(function (p) { return p.value[0]; })) +
              Math.max.apply(null, points.map(function (p) { return p.value[0]; }))) / 2;
  points.forEach(function (p) {  // labels point inwards, so none is cut at the edge of a narrow screen
    p.label = {position: p.value[0] > east ? "left" : "right"};
  });
  var path = data.path.map(xy);
  var xs = points.map(function (p) { return p.value[0]; });
  var ys = points.map(function (p) { return p.value[1]; });
  var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs);
  var y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
  var span = Math.max(x1 - x0, y1 - y0, 0.02);
  var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
  var margin = 24;
  var width = Math.max(el.clientWidth - 2 * margin, 100);
  // Equal scale: the plotted height follows the data's aspect ratio, within 160–320 px; the span that is too
  // small for the chosen box is widened so a degree of latitude and a (shrunk) degree of longitude stay equal.
  var spanX = Math.max(x1 - x0, span * 0.25) * 1.4;
  var spanY = Math.max(y1 - y0, span * 0.25) * 1.4;
  var height = Math.min(Math.max(width * spanY / spanX, 160), 320);
  if (spanY / spanX > height / width) { spanX = spanY * width / height; } else { spanY = spanX * height / width; }
  el.style.height = (height + 2 * margin) + "px";

  var chart = echarts.init(el);
  var series = [];
  if (path.length > 1) {
    series.push({
      type: "lines", coordinateSystem: "cartesian2d", polyline: true, silent: true, z: 1,
      data: [{coords: path}],
      symbol: ["none", "arrow"], symbolSize: 9,
      lineStyle: {color: "#b4232c", width: 2, opacity: 0.8}
    });
  }
  series.push({
    type: "scatter", z: 2, symbolSize: 12, data: points,
    itemStyle: {color: "#b4232c", borderColor: "#fff", borderWidth: 2},
    label: {show: true, position: "right", formatter: "{b}", color: "#1f2933", fontSize: 12},
    labelLayout: {hideOverlap: true, moveOverlap: "shiftY"}
  });
  chart.setOption({
    animation: false,
    grid: {left: margin, right: margin, top: margin, bottom: margin},
    xAxis: {type: "value", min: cx - spanX / 2, max: cx + spanX / 2, show: false},
    yAxis: {type: "value", min: cy - spanY / 2, max: cy + spanY / 2, show: false},
    tooltip: {
      trigger: "item",
      formatter: function (p) {
        var d = p.data || {};
        return [d.name, d.kind, d.enterprise].filter(Boolean).map(echarts.format.encodeHTML).join("<br>");
      }
    },
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
})();
