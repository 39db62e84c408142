// Shared by the readers: turns decoded rows into a small JSON summary the C# tests compare with what they stored.
// JSON has no NaN or infinities, so values are written as Prometheus spells them.

/** @param {unknown} v */
export function plain(v) {
  if (v === null || v === undefined) return null
  if (v instanceof Date) return v.getTime()
  if (typeof v === 'bigint') return Number(v)
  if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'
  return v
}

export class Summary {
  /** @param {string[]} names */
  constructor(names) {
    this.names = names
    this.rows = 0
    this.sum = 0
    this.special = { NaN: 0, '+Inf': 0, '-Inf': 0 }
    this.nulls = Object.fromEntries(names.map(n => [n, 0]))
    this.perSeries = {}
    this.first = null
    this.last = null
    this.ordered = true
    this.previous = null
  }

  /** @param {Record<string, unknown>} row */
  add(row) {
    const out = {}
    for (const name of this.names) {
      out[name] = plain(row[name])
      if (out[name] === null) this.nulls[name]++
    }
    const value = out.value
    if (typeof value === 'number') this.sum += value
    else if (value !== null) this.special[value]++
    this.perSeries[out.series] = (this.perSeries[out.series] ?? 0) + 1
    // Within a series, rows come in time order.
    if (this.previous && this.previous.series === out.series && this.previous.timestamp >= out.timestamp) this.ordered = false
    this.previous = out
    if (this.rows === 0) this.first = out
    this.last = out
    this.rows++
  }

  toJSON() {
    const { names, rows, sum, special, nulls, perSeries, first, last, ordered } = this
    return { rows, columns: names, sum, special, nulls, perSeries, first, last, ordered }
  }
}
