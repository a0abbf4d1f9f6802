// The dashboard's only script (the Content-Security-Policy allows no inline script): draws each
// element with a data-series attribute as a chart, with the plotly.js bundled in the plotly Python
// package, from the <script type="application/json"> element that attribute names; and centres the
// event the reader chose on an article page.
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
  if (window.Plotly) {
    for (const el of document.querySelectorAll("[data-series]")) {
      Plotly.newPlot(el, stacked(read(el.dataset.series)), layout, {displaylogo: false, responsive: true});
    }
  }
  const evidence = document.getElementById("evidence");
  if (evidence) evidence.scrollIntoView({block: "center"});
})();
