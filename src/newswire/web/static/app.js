// The dashboard's only script (the Content-Security-Policy allows no inline script), with the plotly.js
// bundled in the plotly Python package. It draws each element with a data-series attribute as a time
// chart and each element with a data-places attribute as a map, from the <script type="application/json">
// element that attribute names; and it centres the event the reader chose on an article page.
(function () {
  const bands = [
    ["q1", "Verbal cooperation", "#8fc9a3"],
    ["q2", "Material cooperation", "#2a9d8f"],
    ["q3", "Verbal conflict", "#f4a261"],
    ["q4", "Material conflict", "#e63946"],
  ];
  const DAY = 864e5;
  // a period's length (for bar widths and the x-axis span), and the period plotly draws a value across
  // (xperiod from xperiod0: weeks start on Monday, as the database counts them)
  const PERIODS = {
    day: {ms: DAY, xperiod: DAY, xperiod0: "2000-01-01", ticks: "%d %b %Y", hover: "%d %b %Y"},
    week: {ms: 7 * DAY, xperiod: 7 * DAY, xperiod0: "2000-01-03", ticks: "%d %b %Y", hover: "week of %d %b %Y"},
    month: {ms: 30.44 * DAY, xperiod: "M1", xperiod0: "2000-01-01", ticks: "%b %Y", hover: "%B %Y"},
    year: {ms: 365.25 * DAY, xperiod: "M12", xperiod0: "2000-01-01", ticks: "%Y", hover: "%Y"},
  };
  const MIN_PERIODS = 8; // an x-axis spans at least this many periods: one busy month is a bar, not a wall

  function read(id) { return JSON.parse(document.getElementById(id).textContent); }

  // a round step (1, 2 or 5 times a power of ten) that cuts `span` into about `count` parts
  function niceStep(span, count) {
    const raw = span / count;
    const power = Math.pow(10, Math.floor(Math.log10(raw)));
    const f = raw / power;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
  }

  // a value axis over lo..hi and zero, ticked on round steps (whole ones for counts), labelled with the
  // decimals its step needs: 0, 5, 10 or −1.5, 0, 1.5, never 15.43
  function valueAxis(lo, hi, whole, count) {
    lo = Math.min(0, lo);
    hi = Math.max(0, hi);
    if (hi - lo === 0) hi = 1;
    let step = niceStep(hi - lo, count);
    if (whole) step = Math.max(1, step);
    const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
    const top = Math.ceil((hi + (hi - lo) * 0.04) / step) * step;
    const bottom = lo < 0 ? Math.floor((lo - (hi - lo) * 0.04) / step) * step : 0;
    return {range: [bottom, top], tickmode: "linear", tick0: 0, dtick: step, tickformat: ",." + decimals + "f",
            automargin: true};
  }

  function stamp(ms) { return new Date(ms).toISOString().slice(0, 19).replace("T", " "); }

  // the time axis: dates (never milliseconds), the periods shown whole, the chosen time range included
  function timeAxis(series, period, since, until) {
    const starts = series.map((p) => Date.parse(p.period));
    let lo = starts.length ? Math.min(...starts) : NaN;
    let hi = starts.length ? Math.max(...starts) + period.ms : NaN;
    if (since) lo = isNaN(lo) ? Date.parse(since) : Math.min(lo, Date.parse(since));
    if (until) hi = isNaN(hi) ? Date.parse(until) + DAY : Math.max(hi, Date.parse(until) + DAY);
    if (isNaN(lo) || isNaN(hi)) { lo = Date.now() - 365 * DAY; hi = Date.now(); }
    const least = MIN_PERIODS * period.ms;
    if (hi - lo < least) {
      const middle = (lo + hi) / 2;
      lo = middle - least / 2;
      hi = middle + least / 2;
    }
    return {type: "date", range: [stamp(lo), stamp(hi)], tickformat: period.ticks, hoverformat: period.hover,
            automargin: true};
  }

  function timeChart(el, series) {
    const period = PERIODS[el.dataset.by] || PERIODS.month;
    const x = series.map((p) => p.period);
    const placed = {x: x, xperiod: period.xperiod, xperiod0: period.xperiod0, xperiodalignment: "middle"};
    const traces = bands.map(([key, name, color]) => ({
      type: "bar", name: name, ...placed, y: series.map((p) => p[key]), marker: {color: color},
      width: 0.8 * period.ms, hovertemplate: "%{y} events<extra>" + name + "</extra>",
    }));
    const net = series.map((p) => p.net_cooperation);
    traces.push({type: "scatter", mode: "lines+markers", name: "Net cooperation (Σ Goldstein)", ...placed,
                 y: net, yaxis: "y2", line: {color: "#1d3557"}, marker: {size: 5},
                 hovertemplate: "%{y:,.1f}<extra>net cooperation</extra>"});
    const most = Math.max(0, ...series.map((p) => bands.reduce((n, [key]) => n + (p[key] || 0), 0)));
    const layout = {
      barmode: "stack", bargap: 0.2, margin: {t: 30, r: 20, b: 40, l: 60},
      legend: {orientation: "h", y: 1.12}, hovermode: "x unified",
      xaxis: {...timeAxis(series, period, el.dataset.since, el.dataset.until), anchor: "y2"},
      yaxis: {...valueAxis(0, most, true, 4), domain: [0.45, 1], title: {text: "events"}},
      yaxis2: {...valueAxis(Math.min(0, ...net), Math.max(0, ...net), false, 3), domain: [0, 0.35],
               title: {text: "net coop."}, zeroline: true, zerolinecolor: "#667"},
    };
    Plotly.newPlot(el, traces, layout, {displaylogo: false, responsive: true});
  }

  function plain(text) { return String(text == null ? "" : text).replace(/[<>&]/g, " "); }

  function map(el, places) {
    const trace = {
      type: "scattergeo", mode: "markers", name: "events",
      lat: places.map((p) => p.lat), lon: places.map((p) => p.lon),
      text: places.map((p) => plain(p.name || "unnamed place") + (p.country ? " (" + plain(p.country) + ")" : "")
                        + ": " + p.events + (p.events === 1 ? " event" : " events")
                        + ", net cooperation " + p.net_cooperation),
      hoverinfo: "text",
      marker: {size: places.map((p) => 7 + 4 * Math.sqrt(p.events)), color: places.map((p) => p.net_cooperation),
               cmid: 0, colorscale: [[0, "#e63946"], [0.5, "#f1e9c6"], [1, "#2a9d8f"]], opacity: 0.85,
               line: {width: 0.6, color: "#1d3557"}, showscale: true,
               colorbar: {title: {text: "net coop."}, thickness: 12}},
    };
    const layout = {
      margin: {t: 10, r: 10, b: 10, l: 10},
      geo: {projection: {type: "natural earth"}, lonaxis: {range: [-180, 180]}, lataxis: {range: [-90, 90]},
            showframe: false, showcoastlines: true, coastlinecolor: "#8a96a3",
            showland: true, landcolor: "#eef1f4", showcountries: true, countrycolor: "#c3ccd6",
            showocean: true, oceancolor: "#f7fbff"},
    };
    // the world outline ships with newswire (static/world_110m.json): plotly.js would fetch it from its CDN
    Plotly.newPlot(el, [trace], layout, {displaylogo: false, responsive: true, topojsonURL: "/static/"});
  }

  if (window.Plotly) {
    for (const el of document.querySelectorAll("[data-series]")) timeChart(el, read(el.dataset.series));
    for (const el of document.querySelectorAll("[data-places]")) map(el, read(el.dataset.places));
  }
  const evidence = document.getElementById("evidence");
  if (evidence) evidence.scrollIntoView({block: "center"});
})();
