// A keyed comparison of two tables that live in different engines (a file read by DuckDB and a
// PostgreSQL table, two PostgreSQL databases, Spark and a Parquet file). Neither table travels:
// each side is reduced in its own engine, by that engine's SQL, to its keys and one hash per
// compared column (the dialect's valueHash: the same value hashes alike on every engine,
// docs/conformance.md "Hashes across engines"). Only those keys and hashes move into a DuckDB
// temporary table (./land.ts: as a file the engine writes, or in batches; never a whole table in
// Node's memory), and DuckDB compares them with the counting query of the same-engine
// comparison: rows missing, rows extra, rows changed, per compared column, and samples of their
// keys. A side already in that DuckDB is read in place, reduced once into a temp table while the
// other engine reduces its own side.
// The values of a sampled changed row (at most the sample limit) are then read by key from each
// side, so a report shows what differs: a few rows, never the table.
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Dialect } from '../dialects/base.js';
import type { Connection } from './connection.js';
import { keepRows, landRows, type Landed, type Moved } from './land.js';
import { judgeMatch, type MatchObserved } from './match.js';
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

export interface CrossCompareResult {
  success: boolean;
  /** rows, other_rows, missing, extra, changed, duplicate_keys (./match.ts). */
  observed: MatchObserved;
  /** key, compared_columns, changed_columns, samples of keys (a changed row's with the values of its changed columns, read by key). */
  details: Record<string, unknown>;
  /** What crossed from other engines into the scratch DuckDB: rows, the text bytes of keys and hashes, and the columns fetched. */
  moved: Moved;
}

const INTEGER =
  /^(TINYINT|SMALLINT|INTEGER|INT|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|INT1|INT2|INT4|INT8|BYTE|SHORT|LONG)$/;
const baseType = (type: string) =>
  type
    .trim()
    .toUpperCase()
    .replace(/\s*\(.*$/s, '');

/** Whether a column type is an integer of any width (its values cross as digits). */
export const isIntegerType = (type: string) => INTEGER.test(baseType(type));

/**
 * A key (or group) as text: as its digits when it is an integer on BOTH sides (readable in
 * samples), else as its canonical text on both, so an INTEGER 12 still meets a DECIMAL 12.
 */
export function keyText(d: Dialect, expr: Sql, type: string, integerBothSides: boolean): Sql {
  return integerBothSides ? d.castText(expr) : d.canonicalText(expr, type);
}

/**
 * `SELECT k0.., h0.. FROM side`: the side's keys and hashes, spelled by its own dialect;
 * `integerKey[i]`: key i is an integer on both sides (default: on this side).
 */
export function reductionSql(
  side: CompareSide,
  columns: readonly Column[],
  keys: readonly string[],
  compared: readonly string[],
  integerKey: readonly boolean[] = keys.map((k) => isIntegerType(columns.find((c) => c.name === k)?.type ?? '')),
): Sql {
  const d = side.conn.dialect;
  const typeOf = (name: string) => {
    const col = columns.find((c) => c.name === name);
    if (!col) throw new Error(`no column ${name} (it has ${columns.map((c) => c.name).join(', ')})`);
    return col.type;
  };
  const select = [
    ...keys.map((k, i) => `${keyText(d, d.ident(k), typeOf(k), integerKey[i]!)} AS k${i}`),
    ...compared.map((c, i) => `${d.valueHash(d.ident(c), typeOf(c))} AS h${i}`),
  ];
  return `SELECT ${select.join(', ')} FROM ${side.relation}${side.where ? ` WHERE ${side.where}` : ''}`;
}

/** Keys and hashes of both sides compared in the scratch DuckDB; see the file's head. */
export async function crossCompare(o: CrossCompareOptions): Promise<CrossCompareResult> {
  const { scratch, keys, compared } = o;
  const d = scratch.dialect;
  if (!keys.length) throw new Error('a keyed comparison needs at least one key column');
  const moved = { rows: 0, bytes: 0, columns: [...keys.map((_, i) => `k${i}`), ...compared.map((_, i) => `h${i}`)] };
  const temps: Landed[] = [];
  /** The DuckDB connection that holds the temp tables (the scratch itself, unless it is a borrowed view). */
  const into = (): DuckDBConnection => o.append ?? (scratch as DuckDBConnection);
  const columnsOf = async (side: CompareSide, name: 'self' | 'other') => {
    o.onQuery?.(`columns of ${side.relation}`, side.local ? 'scratch' : name);
    return side.conn.columns(side.relation);
  };
  const [selfColumns, otherColumns] = [await columnsOf(o.self, 'self'), await columnsOf(o.other, 'other')];
  const integerKey = keys.map((k) =>
    [selfColumns, otherColumns].every((cols) => isIntegerType(cols.find((c) => c.name === k)?.type ?? '')),
  );

  /** The side as a relation of the scratch DuckDB: read in place, or its keys and hashes fetched into a temp table. */
  const land = async (side: CompareSide, columns: Column[], name: 'self' | 'other', wait?: Promise<unknown>): Promise<Sql> => {
    const sql = reductionSql(side, columns, keys, compared, integerKey);
    if (side.local) {
      // Reduced once into a temp table of the scratch: the counting query and the samples'
      // would each hash the whole table again (1M rows: ~10 s each on DuckDB).
      o.onQuery?.(sql, 'scratch');
      const kept = await keepRows(scratch, sql, `compare_${name}`);
      temps.push(kept);
      return kept.table;
    }
    o.onQuery?.(sql, name);
    const landed = await landRows(into(), side.conn, sql, moved.columns, { label: `compare_${name}`, moved, batchRows: o.batchRows, wait });
    temps.push(landed);
    return landed.table;
  };

  /**
   * Both sides as relations of the scratch. One remote and one local side overlap: the remote
   * engine reduces its table while the scratch reduces the local one (the remote side starts
   * first, so its first statement on the scratch is not queued behind the local reduction).
   */
  const landBoth = async (): Promise<[Sql, Sql]> => {
    if (!!o.self.local === !!o.other.local) return [await land(o.self, selfColumns, 'self'), await land(o.other, otherColumns, 'other')];
    let reduced!: () => void;
    const localDone = new Promise<void>((resolve) => (reduced = resolve));
    const remote = o.self.local ? land(o.other, otherColumns, 'other', localDone) : land(o.self, selfColumns, 'self', localDone);
    const local = (o.self.local ? land(o.self, selfColumns, 'self') : land(o.other, otherColumns, 'other')).finally(reduced);
    // Both settle before anything is thrown, so every temp table is in `temps` to be dropped.
    const [r, l] = await Promise.allSettled([remote, local]);
    for (const x of [r, l]) if (x.status === 'rejected') throw x.reason;
    const [rt, lt] = [(r as PromiseFulfilledResult<Sql>).value, (l as PromiseFulfilledResult<Sql>).value];
    return o.self.local ? [lt, rt] : [rt, lt];
  };

  /**
   * Only hashes crossed, so a changed row's sample names its columns without their values: read
   * them where they live, for the sampled keys only (a few rows each side, by key).
   */
  const sampleValues = async (details: Record<string, unknown>, ...sides: [CompareSide, Column[], 'self' | 'other'][]) => {
    const changed = (details.samples as { changed?: { key: Key; columns: Record<string, unknown> }[] } | undefined)?.changed;
    if (!changed?.length) return;
    const wanted = compared.filter((c) => changed.some((row) => c in row.columns));
    const textOf = (key: Key) => JSON.stringify(keys.map((k) => key[k]));
    const found: Record<string, Map<string, Row>> = {};
    for (const [side, columns, name] of sides) {
      const sd = side.conn.dialect;
      const types = keys.map((k) => columns.find((c) => c.name === k)!.type);
      const kt = keys.map((k, i) => keyText(sd, sd.ident(k), types[i]!, integerKey[i]!));
      // An integer key is matched as itself, so the engine can use its index; others by their text.
      const equals = (i: number, text: string) =>
        integerKey[i] && /^-?\d+$/.test(text) ? `${sd.ident(keys[i]!)} = ${text}` : `${kt[i]} = ${sd.literal(text)}`;
      const match = changed.map((row) => `(${keys.map((k, i) => equals(i, String(row.key[k]))).join(' AND ')})`);
      const sql =
        `SELECT ${[...kt.map((e, i) => `${e} AS k${i}`), ...wanted.map((c, i) => `${sd.ident(c)} AS v${i}`)].join(', ')} ` +
        `FROM ${side.relation} WHERE ${side.where ? `(${side.where}) AND ` : ''}(${match.join(' OR ')})`;
      o.onQuery?.(sql, side.local ? 'scratch' : name);
      const rows = await side.conn.query(sql);
      found[name] = new Map(rows.map((r) => [JSON.stringify(keys.map((_, i) => r[`k${i}`])), r]));
    }
    for (const row of changed) {
      const here = found.self!.get(textOf(row.key));
      const there = found.other!.get(textOf(row.key));
      for (const col of Object.keys(row.columns)) {
        const i = wanted.indexOf(col);
        row.columns[col] = { self: here?.[`v${i}`] ?? null, other: there?.[`v${i}`] ?? null };
      }
    }
  };

  const runner = async (sql: Sql) => {
    o.onQuery?.(sql, 'scratch');
    return scratch.query(sql);
  };
  const limit = o.sampleLimit ?? 20;
  if (o.self.local && o.other.local) {
    // Both sides in the scratch DuckDB: the values themselves, as the same-engine comparison.
    const side = (x: CompareSide) =>
      `SELECT TRUE AS p, ${[...keys.map((k, i) => `${d.ident(k)} AS k${i}`), ...compared.map((c, i) => `${d.ident(c)} AS c${i}`)].join(', ')} FROM ${x.relation}${x.where ? ` WHERE ${x.where}` : ''}`;
    return {
      ...(await judgeMatch({ dialect: d, self: side(o.self), other: side(o.other), keys, compared, limit, values: true }, runner)),
      moved,
    };
  }
  try {
    const [t, s] = await landBoth();
    const side = (relation: Sql) =>
      `SELECT TRUE AS p, ${[...keys.map((_, i) => `k${i}`), ...compared.map((_, i) => `h${i} AS c${i}`)].join(', ')} FROM ${relation}`;
    const judged = await judgeMatch({ dialect: d, self: side(t), other: side(s), keys, compared, limit, values: false }, runner);
    await sampleValues(judged.details, [o.self, selfColumns, 'self'], [o.other, otherColumns, 'other']);
    // Keys crossed as text: integer keys (on both sides) read back as numbers.
    const retype = (key: unknown) => {
      const out = { ...(key as Key) };
      keys.forEach((k, i) => {
        if (integerKey[i] && typeof out[k] === 'string') out[k] = toInteger(out[k] as string);
      });
      return out;
    };
    const samples = (judged.details.samples ?? {}) as Record<string, unknown[]>;
    for (const kind of ['missing', 'extra'] as const) if (samples[kind]) samples[kind] = samples[kind].map(retype);
    if (samples.changed) samples.changed = samples.changed.map((c) => ({ ...(c as Key), key: retype((c as Key).key) }));
    const dups = samples.duplicate_keys as unknown as Record<string, { key: unknown; rows: number }[]> | undefined;
    if (dups) for (const sideName of Object.keys(dups)) dups[sideName] = dups[sideName]!.map((x) => ({ ...x, key: retype(x.key) }));
    return { ...judged, moved };
  } finally {
    for (const landed of temps) await landed.drop();
  }
}

const toInteger = (text: string): number | string => (Number.isSafeInteger(Number(text)) ? Number(text) : text);
