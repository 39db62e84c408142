// Reads an Arrow IPC stream (file path argument, or stdin) with the apache-arrow package and prints a JSON summary.
import { readFileSync } from 'node:fs'
import { RecordBatchReader } from 'apache-arrow'
import { Summary } from './summary.mjs'

const bytes = readFileSync(process.argv[2] ?? 0)
const reader = RecordBatchReader.from(bytes)
reader.open()
const fields = reader.schema.fields
const summary = new Summary(fields.map(f => f.name))
let batches = 0
for (const batch of reader) {
  // apache-arrow yields one empty batch for a stream that has none: count only batches that hold rows.
  if (batch.numRows > 0) batches++
  const vectors = fields.map((_, i) => batch.getChildAt(i))
  for (let r = 0; r < batch.numRows; r++) {
    const row = {}
    fields.forEach((f, i) => { row[f.name] = vectors[i].get(r) })
    summary.add(row)
  }
}

console.log(JSON.stringify({
  ...summary.toJSON(),
  batches,
  types: Object.fromEntries(fields.map(f => [f.name, `${f.type}${f.nullable ? '' : ' not null'}`])),
}))
