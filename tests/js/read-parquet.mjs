// Reads a Parquet file (file path argument, or stdin) with hyparquet and prints a JSON summary.
import { readFileSync } from 'node:fs'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { Summary } from './summary.mjs'

const bytes = readFileSync(process.argv[2] ?? 0)
const file = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)
const metadata = parquetMetadata(file)
const leaves = metadata.schema.slice(1)
const summary = new Summary(leaves.map(e => e.name))
const rows = await parquetReadObjects({ file, metadata })
for (const row of rows) summary.add(row)

const type = e => [e.logical_type?.type === 'TIMESTAMP'
  ? `TIMESTAMP(${e.logical_type.unit}, utc=${e.logical_type.isAdjustedToUTC})`
  : e.logical_type?.type ?? e.converted_type ?? e.type, e.repetition_type].join(' ')
console.log(JSON.stringify({
  ...summary.toJSON(),
  batches: metadata.row_groups.length,
  metadataRows: Number(metadata.num_rows),
  types: Object.fromEntries(leaves.map(e => [e.name, type(e)])),
}))
