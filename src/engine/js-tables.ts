// In-memory data as a DuckDB table: arrays of JS records and arquero tables. arquero infers the
// columns and their types (through its Arrow export, flechette's columns), and the values go in
// column by column through DuckDB's appender in vector-sized chunks: no SQL text per row, no
// temporary file. Types follow what DuckDB's CSV sniffer would choose for the same data
// (integers BIGINT, fractions DOUBLE, text VARCHAR), so records and a CSV of them validate alike.
import {
  BIGINT,
  BOOLEAN,
  DATE,
  DOUBLE,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBTimestampValue,
  TIMESTAMP,
  VARCHAR,
  type DuckDBType,
  type DuckDBValue,
} from '@duckdb/node-api';
import { Type, type DataType } from '@uwdata/flechette';
import { from, toArrow, type ColumnTable } from 'arquero';
import type { DuckDBConnection } from '../connections/duckdb.js';
import { AssayDataError } from '../errors.js';

/** An arquero table, told apart without instanceof (the caller's arquero may be another copy). */
export function isArqueroTable(value: unknown): value is ColumnTable {
  const t = value as Partial<ColumnTable> | null;
  return typeof t === 'object' && t !== null && typeof t.columnNames === 'function' && typeof t.numRows === 'function';
}

/** Records as an arquero table; columns are every key any record has, in order of appearance. */
export function recordsTable(records: readonly Record<string, unknown>[]): ColumnTable {
  const names = new Set<string>();
  for (const [i, r] of records.entries()) {
    if (typeof r !== 'object' || r === null || Array.isArray(r))
      throw new AssayDataError(`record ${i} is not an object: ${JSON.stringify(r)?.slice(0, 60)}`, `records[${i}]`);
    for (const k of Object.keys(r)) names.add(k);
  }
  return from(records as Record<string, unknown>[], [...names]);
}

const DAY_MS = 86_400_000;
const CHUNK = 2048; // DuckDB's vector size: one data chunk holds at most this many rows

interface Plan {
  type: DuckDBType;
  sql: string;
  value: (v: unknown) => DuckDBValue;
}

const asText = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'object' ? JSON.stringify(v) : String(v));

/** The DuckDB column for an Arrow type; the values' JS shape decides dates against timestamps. */
function plan(type: DataType, values: ArrayLike<unknown>): Plan {
  switch (type.typeId) {
    case Type.Int:
      return { type: BIGINT, sql: 'BIGINT', value: (v) => BigInt(v as number | bigint) };
    case Type.Float:
    case Type.Decimal:
      return { type: DOUBLE, sql: 'DOUBLE', value: (v) => Number(v) };
    case Type.Bool:
      return { type: BOOLEAN, sql: 'BOOLEAN', value: (v) => Boolean(v) };
    case Type.Date:
    case Type.Timestamp: {
      const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Number(v));
      const dayOnly = Array.from(values).every((v) => v == null || ms(v) % DAY_MS === 0);
      return dayOnly
        ? { type: DATE, sql: 'DATE', value: (v) => new DuckDBDateValue(Math.floor(ms(v) / DAY_MS)) }
        : { type: TIMESTAMP, sql: 'TIMESTAMP', value: (v) => new DuckDBTimestampValue(BigInt(Math.round(ms(v))) * 1000n) };
    }
    default:
      // Text (plain or dictionary-encoded), all-null columns, and anything nested as its JSON text.
      return { type: VARCHAR, sql: 'VARCHAR', value: asText };
  }
}

/** Creates `name` in the connection's database holding the table's rows; returns the row count. */
export async function registerTable(conn: DuckDBConnection, name: string, table: ColumnTable): Promise<number> {
  const d = conn.dialect;
  const arrow = toArrow(table);
  const columns = arrow.schema.fields.map((f) => {
    const values = arrow.getChild(f.name).toArray() as ArrayLike<unknown>;
    return { name: f.name, values, ...plan(f.type, values) };
  });
  if (columns.length === 0) throw new AssayDataError('the table has no columns', name);
  await conn.exec(`CREATE OR REPLACE TABLE ${d.ident(name)} (${columns.map((c) => `${d.ident(c.name)} ${c.sql}`).join(', ')})`);
  const appender = await conn.raw.createAppender(name);
  try {
    for (let start = 0; start < arrow.numRows; start += CHUNK) {
      const n = Math.min(CHUNK, arrow.numRows - start);
      const chunk = DuckDBDataChunk.create(
        columns.map((c) => c.type),
        n,
      );
      columns.forEach((c, i) => {
        const out: DuckDBValue[] = new Array(n);
        for (let r = 0; r < n; r++) {
          const v = c.values[start + r];
          out[r] = v == null || (typeof v === 'number' && Number.isNaN(v) && c.type !== DOUBLE) ? null : c.value(v);
        }
        chunk.setColumnValues(i, out);
      });
      appender.appendDataChunk(chunk);
    }
    appender.flushSync();
  } finally {
    appender.closeSync();
  }
  return arrow.numRows;
}
