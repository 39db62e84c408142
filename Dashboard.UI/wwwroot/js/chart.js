// One time-series chart (uPlot) in an element. It fetches its own data from api/v1/query_range in the chart wire
// format (docs/decimation.md), M4-decimated to the plot's pixel columns, so raw samples never cross the circuit.
// .NET (TimeSeriesChart) calls create/update/destroy and hears back: zoom (OnZoomed) and each fetch's outcome
// (OnFetched). Tests and the benchmark read the data-* attributes and the element's chartSeries.
import uPlot from '../lib/uplot/uPlot.esm.js';

// Readable on the light and the dark background alike (medium lightness, distinct hues).
const palette = ['#5b8ff9', '#e8684a', '#3fb27f', '#e0a400', '#9270ca', '#ff8f3f', '#3aa7d6', '#e86fa8', '#269a99', '#b7864a'];
const height = 300;
const minStepMs = 100;
const charts = new WeakMap();

function cssVar(name, fallback) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
}

// The theme's colours, read when drawing: MudBlazor writes its palette as CSS variables, so a theme switch shows at
// the next draw, which the observer below triggers.
const axisStroke = () => cssVar('--mud-palette-text-secondary', '#666');
const gridStroke = () => cssVar('--mud-palette-lines-default', 'rgba(128,128,128,0.25)');

let lastTheme = null;
const themeObserver = new MutationObserver(() => {
  const theme = axisStroke();
  if (theme === lastTheme) return;
  lastTheme = theme;
  for (const el of document.querySelectorAll('[data-testid=chart]')) charts.get(el)?.plot?.redraw(false, true);
});

// 1234567 → "1.23M": axis labels and legend values stay short whatever the unit (bytes, seconds, counts).
function formatValue(v) {
  if (v == null) return '–';
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a === 0) return '0';
  const units = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n']];
  const [scale, suffix] = units.find(([s]) => a >= s) ?? [1, ''];
  return `${Number((v / scale).toPrecision(3))}${suffix}`;
}

// Tick labels share one unit and enough decimals to tell neighbours apart (78.91G, 78.92G rather than 78.9G twice).
function axisValues(u, splits, axisIdx, space, incr) {
  const top = Math.max(...splits.map(v => Math.abs(v)));
  const units = [[1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, '']];
  const [scale, suffix] = top >= 1 ? units.find(([s]) => top >= s) : [1, ''];
  const decimals = Math.min(9, Math.max(0, -Math.floor(Math.log10(incr / scale))));
  return splits.map(v => v === 0 ? '0' : `${(v / scale).toFixed(decimals)}${suffix}`);
}

function seriesName(metric) {
  const { __name__: name = '', ...labels } = metric;
  const pairs = Object.keys(labels).sort().map(k => `${k}="${labels[k]}"`);
  return pairs.length ? `${name}{${pairs.join(', ')}}` : (name || '{}');
}

// One series → [xs, ys], xs in ms. The same decoder as docs/decimation.md and tests/js/read-chart.mjs.
function decodeChartSeries(s, data) {
  const count = (s.dv ?? s.v).length;
  const xs = new Float64Array(count), ys = new Float64Array(count);
  if (s.t) {
    let t = s.t0;
    for (let i = 0; i < count; i++) { t += s.t[i] * s.dt; xs[i] = t; }
  } else {
    const colMs = (data.end - data.start + 1) / data.width;
    let col = 0, i = 0;
    for (const k of s.n) {
      if (k < 0) { col -= k; continue; }
      for (let j = 0; j < k; j++) xs[i++] = data.start + (col + (j + 0.5) / k) * colMs;
      col++;
    }
  }
  if (s.dv) {
    const div = Number('1e' + s.scale);
    let m = 0;
    for (let i = 0; i < count; i++) {
      const d = s.dv[i];
      if (typeof d === 'number') { m += d; ys[i] = m / div; } else ys[i] = Number(d);
    }
  } else {
    for (let i = 0; i < count; i++) ys[i] = Number(s.v[i]);
  }
  return [xs, ys];
}

// What one update asks the server for: the step is one pixel column (at least minStepMs), and in live mode the
// range's end is aligned up to the step, so the points of successive refreshes fall on the same times and the newest
// sample (at most one step old) is already drawn.
function requestFor(spec, width) {
  const span = Math.max(1, spec.end - spec.start);
  const step = Math.max(minStepMs, Math.floor(span / width));
  const end = spec.live ? Math.ceil(spec.end / step) * step : spec.end;
  return { start: end - span, end, step, maxPoints: 4 * width };
}

async function fetchQuery(query, request, signal) {
  const url = new URL('api/v1/query_range', document.baseURI);
  url.search = new URLSearchParams({
    query, start: (request.start / 1000).toString(), end: (request.end / 1000).toString(),
    step: (request.step / 1000).toString(), max_points: request.maxPoints.toString(), format: 'chart',
  }).toString();
  const response = await fetch(url, { signal, credentials: 'same-origin' });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`the query answered ${response.status} ${response.statusText}`);
  }
  if (body.status !== 'success') throw new Error(body.error ?? `the query answered ${response.status}`);
  return body.data.result.map(s => ({ name: seriesName(s.metric), labels: s.metric, table: decodeChartSeries(s, body.data) }));
}

function formatTime(ms, utc) {
  const d = new Date(ms), p = n => String(n).padStart(2, '0');
  return utc
    ? `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC`
    : `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

// A box beside the cursor with the time and the values under it: the focused series, or the first few shown.
function tooltipPlugin(utc) {
  const tip = document.createElement('div');
  tip.className = 'chart-tooltip';
  tip.setAttribute('role', 'status');
  let focused = null;
  const show = u => {
    const i = u.cursor.idx;
    if (i == null || u.cursor.left < 0) { tip.style.display = 'none'; return; }
    const candidates = focused != null ? [focused] : u.series.map((_, k) => k).filter(k => k > 0 && u.series[k].show);
    const lines = candidates.slice(0, 6)
      .filter(k => u.data[k][i] != null)
      .map(k => `<div><span class="swatch" style="background:${palette[(k - 1) % palette.length]}"></span>${escapeHtml(u.series[k].label)}: <b>${formatValue(u.data[k][i])}</b></div>`);
    const time = formatTime(u.data[0][i], utc());
    tip.innerHTML = `<div>${time}</div>${lines.join('')}`;
    tip.style.display = 'block';
    const x = u.cursor.left + 12, y = u.cursor.top + 12;
    tip.style.left = `${Math.min(x, u.over.clientWidth - tip.offsetWidth)}px`;
    tip.style.top = `${y}px`;
  };
  return {
    hooks: {
      init: u => u.over.appendChild(tip),
      setCursor: show,
      setSeries: (u, i, opts) => { if (opts?.focus != null) focused = opts.focus ? i : null; },
    },
  };
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[c]));
}

function plotOptions(el, state, names) {
  return {
    width: Math.max(100, el.clientWidth),
    height,
    ms: 1,
    tzDate: state.spec.utc ? ts => uPlot.tzDate(new Date(ts), 'Etc/UTC') : ts => new Date(ts),
    focus: { alpha: 0.35 },
    cursor: { drag: { x: true, y: false, setScale: false }, focus: { prox: 24 } },
    scales: { x: { time: true, range: () => [state.request.start, state.request.end] } },
    legend: { live: true },
    axes: [
      { stroke: axisStroke, grid: { stroke: gridStroke, width: 1 }, ticks: { stroke: gridStroke } },
      { stroke: axisStroke, grid: { stroke: gridStroke, width: 1 }, ticks: { stroke: gridStroke }, values: axisValues,
        // As wide as the longest tick label (about 7 px a character at uPlot's 12 px font).
        size: (u, values) => 18 + 7 * Math.max(3, ...(values ?? []).map(v => String(v).length)) },
    ],
    series: [{}, ...names.map((name, i) => ({ label: name, stroke: palette[i % palette.length], width: 1.5, spanGaps: false, points: { show: false }, value: (u, v) => formatValue(v) }))],
    plugins: [tooltipPlugin(() => state.spec.utc)],
    hooks: {
      draw: [u => markPainted(el, u)],
      setSelect: [u => zoomed(el, state, u)],
      ready: [u => makeLegendKeyboardAccessible(u)],
    },
  };
}

// Legend entries toggle their series on click (uPlot's own); this makes them reachable by Tab, Enter and Space too.
function makeLegendKeyboardAccessible(u) {
  u.root.querySelectorAll('.u-legend .u-series').forEach((row, i) => {
    if (i === 0) return;
    row.tabIndex = 0;
    row.setAttribute('role', 'switch');
    row.setAttribute('aria-checked', String(u.series[i].show));
    row.addEventListener('keydown', e => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      u.setSeries(i, { show: !u.series[i].show });
    });
  });
  u.hooks.setSeries = [...(u.hooks.setSeries ?? []), (self, i) => {
    const row = self.root.querySelectorAll('.u-legend .u-series')[i];
    if (row && i > 0) row.setAttribute('aria-checked', String(self.series[i].show));
  }];
}

function markPainted(el, u) {
  let points = 0;
  for (let s = 1; s < u.data.length; s++) {
    if (!u.series[s].show) continue;
    for (const y of u.data[s]) if (y != null) points++;
  }
  const xs = u.data[0];
  el.dataset.pointsDrawn = String(points);
  el.dataset.series = String(u.data.length - 1);
  el.dataset.lastX = xs.length ? String(xs[xs.length - 1]) : '';
  el.dataset.paintedAt = String(performance.timeOrigin + performance.now());
}

function zoomed(el, state, u) {
  const { left, width } = u.select;
  if (width < 4) return;
  const from = Math.round(u.posToVal(left, 'x')), to = Math.round(u.posToVal(left + width, 'x'));
  u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
  state.dotnet.invokeMethodAsync('OnZoomed', from, to).catch(() => {});
}

async function refresh(el, state) {
  state.abort?.abort();
  const abort = state.abort = new AbortController();
  const width = Math.max(100, Math.round(el.clientWidth));
  const request = requestFor(state.spec, width);
  let results;
  try {
    results = await Promise.all(state.spec.queries.map(q => fetchQuery(q, request, abort.signal)));
  } catch (e) {
    if (abort.signal.aborted) return;
    el.dataset.error = e.message;
    report(state, e.message, 0);
    return;
  }
  if (abort.signal.aborted || !charts.has(el)) return;
  performance.mark('chart:fetched');
  delete el.dataset.error;
  const series = results.flat();
  state.request = request;
  Object.assign(el.dataset, { start: String(request.start), end: String(request.end), step: String(request.step), maxPoints: String(request.maxPoints) });
  el.chartSeries = series.map(s => ({ name: s.name, labels: s.labels, xs: Array.from(s.table[0]), ys: Array.from(s.table[1]) }));
  draw(el, state, series);
  report(state, null, series.length);
}

// Tells .NET how the fetch went; a closed circuit has nobody to tell.
function report(state, error, seriesCount) {
  state.dotnet.invokeMethodAsync('OnFetched', error, seriesCount).catch(() => {});
}

function draw(el, state, series) {
  const data = series.length ? uPlot.join(series.map(s => s.table)) : [[]];
  const names = series.map(s => s.name);
  const key = names.join('\n') + '|' + state.spec.utc;
  if (state.plot && state.key === key) {
    state.plot.setData(data);
    return;
  }
  state.plot?.destroy();
  state.key = key;
  state.plot = new uPlot(plotOptions(el, state, names), data, el);
}

/** Creates the chart in `el` and starts fetching its data. `spec`: { queries, start, end (Unix ms), utc, live }. */
export function create(el, dotnet, spec) {
  // Marks for the ui-charts benchmark's breakdown of the first paint: chart created, data fetched, painted.
  performance.mark('chart:create');
  const state = { dotnet, spec, plot: null, key: null, request: null, abort: null, width: el.clientWidth, resizeTimer: 0 };
  charts.set(el, state);
  lastTheme ??= axisStroke();
  themeObserver.observe(document.body, { subtree: true, childList: true, characterData: true });
  // A wider plot needs more pixel columns: resize at once, fetch again once the size settles.
  state.resize = new ResizeObserver(() => {
    if (!state.plot || el.clientWidth === state.width) return;
    state.width = el.clientWidth;
    state.plot.setSize({ width: Math.max(100, el.clientWidth), height });
    clearTimeout(state.resizeTimer);
    state.resizeTimer = setTimeout(() => refresh(el, state), 250);
  });
  state.resize.observe(el);
  refresh(el, state);
}

/** Shows a new spec (queries, range, zone, live): fetches again and redraws. */
export function update(el, spec) {
  const state = charts.get(el);
  if (!state) return;
  state.spec = spec;
  refresh(el, state);
}

/** Removes the chart and stops its fetches and observers. */
export function destroy(el) {
  const state = charts.get(el);
  if (!state) return;
  charts.delete(el);
  state.abort?.abort();
  state.resize.disconnect();
  clearTimeout(state.resizeTimer);
  state.plot?.destroy();
}

/** The browser's offset from UTC in minutes (east positive), for "local" times typed on the server's pages. */
export function utcOffsetMinutes() {
  return -new Date().getTimezoneOffset();
}
