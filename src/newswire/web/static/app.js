// Charts for the newswire dashboard, drawn with the plotly.js bundled in the plotly Python package.
// Data comes from <script type="application/json"> elements written by the server.
(function () {
  const bands = [
    ["q1", "Verbal cooperation", "#8fc9a3"],
    ["q2", "Material cooperation", "#2a9d8f"],
    ["q3", "Verbal conflict", "#f4a261"],
    ["q4", "Material conflict", "#e63946"],
  ];
  function read(id) { return JSON.parse(document.getElementById(id).textContent); }
  function stacked(series) {
    const x = series.map((p) => p.period);
    const traces = bands.map(([key, name, color]) => ({
      type: "bar", name: name, x: x, y: series.map((p) => p[key]), marker: {color: color},
    }));
    traces.push({type: "scatter", mode: "lines+markers", name: "Net cooperation (Σ Goldstein)", x: x,
                 y: series.map((p) => p.net_cooperation), yaxis: "y2", line: {color: "#1d3557"}});
    return traces;
  }
  const layout = {barmode: "stack", margin: {t: 20, r: 60, b: 40, l: 50}, legend: {orientation: "h"},
                  yaxis: {title: {text: "events"}},
                  yaxis2: {title: {text: "net cooperation"}, overlaying: "y", side: "right", zeroline: true}};
  window.newswire = {
    timeline: function (el, dataId) {
      if (!window.Plotly) return;
      Plotly.newPlot(el, stacked(read(dataId)), layout, {displaylogo: false, responsive: true});
    },
    dyad: function (el, dataId) {
      if (!window.Plotly) return;
      Plotly.newPlot(el, stacked(read(dataId)), layout, {displaylogo: false, responsive: true});
    },
  };
})();
