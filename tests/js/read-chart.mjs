// An independent reader of the chart wire format (docs/decimation.md): the decoder given there for uPlot, run by
// Dashboard.Core.Tests on a file ChartSeriesWriter wrote. Prints each series' x positions and the IEEE bits of its
// values, so the test compares them exactly. No npm packages: only node.
import { readFileSync } from 'node:fs'

// One series → [xs, ys] as Float64Arrays, xs in ms. Keep in step with docs/decimation.md.
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
    const div = Number("1e" + s.scale); // an exact power of ten
    let m = 0;
    for (let i = 0; i < count; i++) {
      const d = s.dv[i];
      if (typeof d === "number") { m += d; ys[i] = m / div; } else ys[i] = Number(d);
    }
  } else {
    for (let i = 0; i < count; i++) ys[i] = Number(s.v[i]);
  }
  return [xs, ys];
}

const doc = JSON.parse(readFileSync(process.argv[2], 'utf8'))
const bits = new DataView(new ArrayBuffer(8))
const series = doc.data.result.map(s => {
  const [xs, ys] = decodeChartSeries(s, doc.data)
  return {
    xs: Array.from(xs),
    ys: Array.from(ys, y => { bits.setFloat64(0, y); return bits.getBigInt64(0).toString() }),
  }
})
console.log(JSON.stringify(series))
