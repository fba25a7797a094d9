// Rows that cross from one engine into another: the result of a reducing query (keys and hashes,
// per-group aggregates) run where its table lives, landed in a temporary table of a DuckDB, where
// the comparison runs. Never a whole table in Node's memory, and only what the query selected
// moves: `Moved` counts it, for results and for tests that prove it.
//
// Two ways, the first where it can be taken:
// - a file: the engine writes the result as CSV itself (`Connection.copyOut`, PostgreSQL's COPY
//   TO STDOUT), bytes straight to a file, which DuckDB reads in parallel with read_csv: no row
//   through JS values at either end (1M keys and hashes: ~3 s instead of ~30 s, bench/README.md).
//   The file lives in a folder owned by this landing, in the OS temp folder, removed as soon as
//   DuckDB has read it, error or not. A locked-down DuckDB (../connections/sandbox.ts) reads only
//   the landing folder it admitted before its lockdown; a DuckDB without file access at all
//   takes the second way.
// - batches: a cursor's rows appended as text with DuckDB's appender.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  o: {
    label: string;
    moved: Moved;
    batchRows?: number;
    /**
     * Work of the caller on `into` still running: the appender, which is not a statement DuckDB
     * queues, waits for it (the file way only sends statements, which DuckDB runs in turn).
     */
    wait?: Promise<unknown>;
  },
): Promise<Landed> {
  if (!into.raw) throw new Error('rows from another engine need a DuckDB connection to append them to');
  const name = `__assay_${o.label}_${process.pid}_${++tempId}`;
  const table = into.dialect.ident(name);
  if (from.copyOut) {
    const landed = await viaFile(into, from, sql, columns, table, o.moved);
    if (landed) return landed;
  }
  await o.wait?.catch(() => {});
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

/** The rows of a query of `conn` (a DuckDB) kept in a temporary table of it, read once however often the table is read. */
export async function keepRows(conn: Connection, sql: Sql, label: string): Promise<Landed> {
  const table = conn.dialect.ident(`__assay_${label}_${process.pid}_${++tempId}`);
  await conn.exec(`CREATE TEMP TABLE ${table} AS ${sql}`);
  return { table, drop: () => conn.exec(`DROP TABLE IF EXISTS temp.main.${table}`).catch(() => {}) };
}

/** The rows of a query in batches: the connection's own cursor when it has one, else one batch. */
async function* fetchBatches(conn: Connection, sql: Sql, rows: number): AsyncIterable<Row[]> {
  if (conn.batches) {
    yield* conn.batches(sql, rows);
    return;
  }
  yield await conn.query(sql);
}

/** One landing at a time per locked-down DuckDB: each creates and removes its one admitted folder. */
const landings = new WeakMap<DuckDBConnection, Promise<unknown>>();

/**
 * The result written to a file by its own engine and read by DuckDB into `table`; null when this
 * DuckDB can read no file (external access off, no landing folder admitted).
 */
async function viaFile(
  into: DuckDBConnection,
  from: Connection,
  sql: Sql,
  columns: readonly string[],
  table: Sql,
  moved: Moved,
): Promise<Landed | null> {
  const admitted = into.landing;
  if (!admitted) {
    const [row] = await into.query("SELECT current_setting('enable_external_access') AS open");
    if (row?.open !== true) return null;
  }
  const run = async (): Promise<Landed> => {
    // Created here and now, by this run only (an admitted folder that exists already is refused).
    const folder = admitted ? (await mkdir(admitted, { mode: 0o700 }), admitted) : await mkdtemp(path.join(tmpdir(), 'assay-land-'));
    try {
      const file = path.join(folder, 'rows.csv');
      await from.copyOut!(sql, file);
      const d = into.dialect;
      const types = columns.map((c) => `${d.literal(c)}: 'VARCHAR'`).join(', ');
      // Every value quoted, a null an empty unquoted field: "" stays an empty text.
      await into.exec(
        `CREATE TEMP TABLE ${table} AS SELECT * FROM read_csv(${d.literal(file)}, columns = {${types}}, header = false, ` +
          `auto_detect = false, delim = ',', quote = '"', escape = '"', nullstr = '', allow_quoted_nulls = false)`,
      );
      const landed: Landed = { table, drop: () => into.exec(`DROP TABLE IF EXISTS temp.main.${table}`).catch(() => {}) };
      try {
        const [count] = await into.query(
          `SELECT count(*) AS n, ${columns.map((c) => `coalesce(sum(strlen(${d.ident(c)})), 0)`).join(' + ')} AS bytes FROM ${table}`,
        );
        moved.rows += Number(count!.n);
        moved.bytes += Number(count!.bytes);
      } catch (err) {
        await landed.drop();
        throw err;
      }
      return landed;
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  };
  if (!admitted) return run();
  const before = landings.get(into) ?? Promise.resolve();
  const mine = before.catch(() => {}).then(run);
  landings.set(into, mine);
  return mine;
}
