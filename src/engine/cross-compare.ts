// A keyed comparison of two tables that live in different engines (a file read by DuckDB and a
// PostgreSQL table, two PostgreSQL databases, Spark and a Parquet file). Neither table travels:
// each side is reduced in its own engine, by that engine's SQL, to its keys and one hash per
// compared column (the dialect's valueHash: the same value hashes alike on every engine,
// docs/conformance.md "Hashes across engines"). Only those keys and hashes move, in batches, into
// a DuckDB temporary table (never a whole table in Node's memory), and DuckDB compares them with
// the counting query of the same-engine comparison: rows missing, rows extra, rows changed, per
// compared column, and samples of their keys. A side already in that DuckDB is read in place.
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Dialect } from '../dialects/base.js';
import type { Connection } from './connection.js';
import type { Column, Row, Sql } from './types.js';

export interface CompareSide {
  conn: Connection;
  /** The table, ready to put after FROM in its own connection. */
  relation: Sql;
  /** Rows to compare (a compiled row_condition), in the side's own dialect. */
  where?: Sql | null;
  /** The side is read in place by the scratch DuckDB (its relation is valid there): nothing moves. */
  local?: boolean;
}

export interface CrossCompareOptions {
  /** The table under test: its rows missing from `other` are extra. */
  self: CompareSide;
  /** The table it must match (the source). */
  other: CompareSide;
  /** Columns that identify a row, named alike on both sides. */
  keys: readonly string[];
  /** Columns whose values must agree, named alike on both sides. */
  compared: readonly string[];
  /** The DuckDB where the hashes meet and are compared (a side with `local` is read there). */
  scratch: Connection;
  /** The DuckDB connection whose appender fills the temp tables (default: `scratch`, when it is one). */
  append?: DuckDBConnection;
  /** Rows per batch fetched from a remote side (default 10,000). */
  batchRows?: number;
  /** Keys per kind of difference in the samples (default 20; 0 for none). */
  sampleLimit?: number;
  /** Each statement sent to an engine, with the side it reads (the scratch DuckDB's own are 'scratch'). */
  onQuery?: (sql: Sql, side: 'self' | 'other' | 'scratch') => void;
}

type Key = Record<string, unknown>;

export interface MatchCounts {
  /** Rows of the table under test, and of the other. */
  rows: number;
  other_rows: number;
  /** Keys of the other table with no row here. */
  missing: number;
  /** Keys here with no row in the other table. */
  extra: number;
  /** Keys on both sides whose compared columns differ. */
  changed: number;
  /** Changed rows per compared column (only columns with changes). */
  changed_columns: Record<string, number>;
}

export interface CrossCompareResult extends MatchCounts {
  samples: { missing?: Key[]; extra?: Key[]; changed?: { key: Key; columns: string[] }[] };
  /** What crossed from other engines into the scratch DuckDB: rows, the text bytes of keys and hashes, and the columns fetched. */
  moved: { rows: number; bytes: number; columns: string[] };
}

const INTEGER =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT1|INT2|INT4|INT8|BYTE|SHORT|LONG)$/;
const baseType = (type: string) =>
  type
    .trim()
    .toUpperCase()
    .replace(/\s*\(.*$/s, '');

/** A key as text: an integer as its digits (readable in samples), anything else as its canonical text. */
function keyText(d: Dialect, expr: Sql, type: string): Sql {
  return INTEGER.test(baseType(type)) ? d.castText(expr) : d.canonicalText(expr, type);
}

/** `SELECT k0.., h0.. FROM side`: the side's keys and hashes, spelled by its own dialect. */
export function reductionSql(side: CompareSide, columns: readonly Column[], keys: readonly string[], compared: readonly string[]): Sql {
  const d = side.conn.dialect;
  const typeOf = (name: string) => {
    const col = columns.find((c) => c.name === name);
    if (!col) throw new Error(`no column ${name} (it has ${columns.map((c) => c.name).join(', ')})`);
    return col.type;
  };
  const select = [
    ...keys.map((k, i) => `${keyText(d, d.ident(k), typeOf(k))} AS k${i}`),
    ...compared.map((c, i) => `${d.valueHash(d.ident(c), typeOf(c))} AS h${i}`),
  ];
  return `SELECT ${select.join(', ')} FROM ${side.relation}${side.where ? ` WHERE ${side.where}` : ''}`;
}

/**
 * The comparison of two reduced sides `t` (this table) and `s` (the other), both of columns
 * k0.., c0.. (`c` a value or its hash): `j` has one row per key with `missing`, `extra` and a
 * `d<i>` per compared column. Counting and sampling read `j`.
 */
export function matchJoin(keys: number, compared: number): Sql {
  const k = Array.from({ length: keys }, (_, i) => i);
  const c = Array.from({ length: compared }, (_, i) => i);
  return (
    `SELECT ${k.map((i) => `COALESCE(t.k${i}, s.k${i}) AS k${i}`).join(', ')}, t.k0 IS NULL AS missing, s.k0 IS NULL AS extra` +
    c.map((i) => `, t.c${i} IS DISTINCT FROM s.c${i} AS d${i}`).join('') +
    ` FROM t FULL OUTER JOIN s ON ${k.map((i) => `t.k${i} = s.k${i}`).join(' AND ')}`
  );
}

/** The one counting query over `j` (see matchJoin): rows on each side, missing, extra, changed, and per column. */
export function matchCountSql(d: Dialect, compared: number): Sql {
  const c = Array.from({ length: compared }, (_, i) => i);
  const both = 'NOT missing AND NOT extra';
  const changed = compared ? `${both} AND (${c.map((i) => `d${i}`).join(' OR ')})` : 'FALSE';
  const count = (filter: Sql) => d.aggregate({ fn: 'count', filter });
  return (
    `SELECT ${count('NOT missing')} AS self_rows, ${count('NOT extra')} AS other_rows, ${count('missing')} AS missing, ` +
    `${count('extra')} AS extra, ${count(changed)} AS changed${c.map((i) => `, ${count(`${both} AND d${i}`)} AS d${i}`).join('')} FROM j`
  );
}

/** The counts of matchCountSql's row. */
export function readMatchCounts(row: Row, compared: readonly string[]): MatchCounts {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    rows: n(row.self_rows),
    other_rows: n(row.other_rows),
    missing: n(row.missing),
    extra: n(row.extra),
    changed: n(row.changed),
    changed_columns: Object.fromEntries(compared.map((c, i) => [c, n(row[`d${i}`])]).filter(([, v]) => Number(v) > 0)),
  };
}

let tempId = 0;

/** Keys and hashes of both sides compared in the scratch DuckDB; see the file's head. */
export async function crossCompare(o: CrossCompareOptions): Promise<CrossCompareResult> {
  const { scratch, keys, compared } = o;
  const d = scratch.dialect;
  if (!keys.length) throw new Error('a keyed comparison needs at least one key column');
  const moved = { rows: 0, bytes: 0, columns: [...keys.map((_, i) => `k${i}`), ...compared.map((_, i) => `h${i}`)] };
  const temps: string[] = [];
  const columnsOf = async (side: CompareSide, name: 'self' | 'other') => {
    o.onQuery?.(`columns of ${side.relation}`, side.local ? 'scratch' : name);
    return side.conn.columns(side.relation);
  };
  const [selfColumns, otherColumns] = [await columnsOf(o.self, 'self'), await columnsOf(o.other, 'other')];
  const integerKey = keys.map((k) =>
    [selfColumns, otherColumns].every((cols) => INTEGER.test(baseType(cols.find((c) => c.name === k)?.type ?? ''))),
  );

  /** The side as a relation of the scratch DuckDB: read in place, or its keys and hashes fetched into a temp table. */
  const land = async (side: CompareSide, columns: Column[], name: 'self' | 'other'): Promise<Sql> => {
    const sql = reductionSql(side, columns, keys, compared);
    if (side.local) return `(${sql})`;
    const table = `__assay_compare_${process.pid}_${++tempId}_${name}`;
    const cols = moved.columns;
    await scratch.exec(`CREATE TEMP TABLE ${d.ident(table)} (${cols.map((c) => `${c} VARCHAR`).join(', ')})`);
    temps.push(table);
    const into = o.append ?? (scratch as Partial<DuckDBConnection>);
    if (!into.raw) throw new Error('a remote side needs a DuckDB connection to append its keys and hashes to');
    const appender = await into.raw.createAppender(table, 'main', 'temp');
    try {
      o.onQuery?.(sql, name);
      for await (const batch of fetchBatches(side.conn, sql, o.batchRows ?? 10_000)) {
        for (const row of batch) {
          for (const c of cols) {
            const v = row[c];
            if (v === null || v === undefined) appender.appendNull();
            else {
              const text = String(v);
              moved.bytes += Buffer.byteLength(text);
              appender.appendVarchar(text);
            }
          }
          appender.endRow();
        }
        moved.rows += batch.length;
        appender.flushSync();
      }
    } finally {
      appender.closeSync();
    }
    return d.ident(table);
  };

  try {
    const t = await land(o.self, selfColumns, 'self');
    const s = await land(o.other, otherColumns, 'other');
    const hashes = compared.map((_, i) => `, h${i} AS c${i}`).join('');
    const kcols = keys.map((_, i) => `k${i}`).join(', ');
    const cte = `WITH t AS (SELECT ${kcols}${hashes} FROM ${t}), s AS (SELECT ${kcols}${hashes} FROM ${s}), j AS (${matchJoin(keys.length, compared.length)})`;
    const run = async (sql: Sql) => {
      o.onQuery?.(sql, 'scratch');
      return scratch.query(sql);
    };
    const counts = readMatchCounts((await run(`${cte} ${matchCountSql(d, compared.length)}`))[0] ?? {}, compared);
    const result: CrossCompareResult = { ...counts, samples: {}, moved };
    const limit = o.sampleLimit ?? 20;
    if (limit > 0 && counts.missing + counts.extra + counts.changed > 0) {
      const changed = compared.length ? compared.map((_, i) => `d${i}`).join(' OR ') : 'FALSE';
      const kind = `CASE WHEN missing THEN 'missing' WHEN extra THEN 'extra' ELSE 'changed' END`;
      const rows = await run(
        `${cte}, x AS (SELECT *, ${kind} AS kind FROM j WHERE missing OR extra OR ${changed}) ` +
          `SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY kind ORDER BY ${kcols}) AS n FROM x) WHERE n <= ${limit} ORDER BY kind, ${kcols}`,
      );
      const keyOf = (row: Row): Key =>
        Object.fromEntries(
          keys.map((k, i) => [k, integerKey[i] && row[`k${i}`] !== null ? toInteger(String(row[`k${i}`])) : row[`k${i}`]]),
        );
      for (const row of rows) {
        if (row.kind === 'changed') {
          (result.samples.changed ??= []).push({ key: keyOf(row), columns: compared.filter((_, i) => row[`d${i}`] === true) });
        } else (result.samples[row.kind as 'missing' | 'extra'] ??= []).push(keyOf(row));
      }
    }
    return result;
  } finally {
    for (const table of temps) await scratch.exec(`DROP TABLE IF EXISTS temp.main.${d.ident(table)}`).catch(() => {});
  }
}

const toInteger = (text: string): number | string => (Number.isSafeInteger(Number(text)) ? Number(text) : text);

/** The rows of a query in batches: the connection's own cursor when it has one, else one batch. */
async function* fetchBatches(conn: Connection, sql: Sql, rows: number): AsyncIterable<Row[]> {
  if (conn.batches) {
    yield* conn.batches(sql, rows);
    return;
  }
  yield await conn.query(sql);
}
