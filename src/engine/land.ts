// Rows that cross from one engine into another: the result of a reducing query (keys and hashes,
// per-group aggregates) run where its table lives, fetched in batches (a cursor where the
// connection has one) and appended as text into a temporary table of a DuckDB, where the
// comparison runs. Never a whole table in Node's memory, and only what the query selected moves:
// `Moved` counts it, for results and for tests that prove it.
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Connection } from './connection.js';
import type { Row, Sql } from './types.js';

/** What crossed into the DuckDB: rows, the bytes of their text, and the columns fetched. */
export interface Moved {
  rows: number;
  bytes: number;
  columns: string[];
}

let tempId = 0;

export interface Landed {
  /** The temporary table, quoted, ready to put after FROM in the DuckDB. */
  table: Sql;
  drop(): Promise<void>;
}

/**
 * Runs `sql` on `from` and appends its `columns` (as VARCHAR, nulls kept) to a new temporary
 * table of `into`, adding to `moved`; `label` names the table.
 */
export async function landRows(
  into: DuckDBConnection,
  from: Connection,
  sql: Sql,
  columns: readonly string[],
  o: { label: string; moved: Moved; batchRows?: number },
): Promise<Landed> {
  if (!into.raw) throw new Error('rows from another engine need a DuckDB connection to append them to');
  const name = `__assay_${o.label}_${process.pid}_${++tempId}`;
  const table = into.dialect.ident(name);
  await into.exec(`CREATE TEMP TABLE ${table} (${columns.map((c) => `${into.dialect.ident(c)} VARCHAR`).join(', ')})`);
  const landed: Landed = {
    table,
    drop: () => into.exec(`DROP TABLE IF EXISTS temp.main.${table}`).catch(() => {}),
  };
  const appender = await into.raw.createAppender(name, 'main', 'temp');
  try {
    for await (const batch of fetchBatches(from, sql, o.batchRows ?? 10_000)) {
      for (const row of batch) {
        for (const c of columns) {
          const v = row[c];
          if (v === null || v === undefined) appender.appendNull();
          else {
            const text = String(v);
            o.moved.bytes += Buffer.byteLength(text);
            appender.appendVarchar(text);
          }
        }
        appender.endRow();
      }
      o.moved.rows += batch.length;
      appender.flushSync();
    }
  } catch (err) {
    appender.closeSync();
    await landed.drop();
    throw err;
  }
  appender.closeSync();
  return landed;
}

/** The rows of a query in batches: the connection's own cursor when it has one, else one batch. */
async function* fetchBatches(conn: Connection, sql: Sql, rows: number): AsyncIterable<Row[]> {
  if (conn.batches) {
    yield* conn.batches(sql, rows);
    return;
  }
  yield await conn.query(sql);
}
