// Profiling: what a table holds, column by column, exactly. Two queries (more for a wide
// table, see below):
//   1. one aggregate SELECT: counts, min/max, mean, standard deviation, exact quantiles and
//      string lengths of every column;
//   2. one GROUP BY per column (its typed values), all in one query: exact distinct counts,
//      the most frequent values and, from the groups, histograms (their bins need query 1's min
//      and max) and character shapes. Only the top rows of each column come back, never the
//      groups.
// All SQL is spelled by the dialect (names quoted, values as literals), so the same profile runs
// in DuckDB (files, tables), PostgreSQL and Spark (in place).
import type { Connection } from '../engine/connection.js';
import type { Column, Sql } from '../engine/types.js';

export type ColumnKind = 'numeric' | 'string' | 'temporal' | 'boolean' | 'other';

export interface ValueCount {
  value: string | null;
  count: number;
}

/**
 * Character shapes of the text values at three levels of generality: `exact` keeps every
 * character's class (`AAA-999`), `runs` folds runs of one class (`A-9`: letters, then a dash,
 * then digits), `words` also folds letters and digits together (`w@w.w`). In a shape, A is an
 * upper-case ASCII letter, a a lower-case one, 9 a digit, w (words only) a run of any of them;
 * every other character is itself.
 */
export interface PatternLevel {
  /** Distinct shapes at this level. */
  distinct: number;
  /** The most frequent shapes (all of them when `distinct` <= the profile's top). */
  top: ValueCount[];
}

export interface ColumnProfile {
  name: string;
  type: string;
  kind: ColumnKind;
  nulls: number;
  null_fraction: number | null;
  /** Distinct non-null values, exact. */
  distinct: number;
  min: number | string | boolean | null;
  max: number | string | boolean | null;
  mean: number | null;
  stddev: number | null;
  /** Exact (discrete) quantiles, as `{ q, value }`. */
  quantiles: { q: number; value: number | string | null }[];
  /** Lengths of the text values (strings only). */
  length: { min: number; max: number; mean: number } | null;
  /** The most frequent non-null values, as text; all of them when distinct <= top. */
  top_values: ValueCount[];
  patterns: { exact: PatternLevel; runs: PatternLevel; words: PatternLevel } | null;
  /** Equal-width bins between min and max (numeric columns). */
  histogram: { lo: number; hi: number; count: number }[];
}

export interface Profile {
  source: string;
  engine: string;
  rows: number;
  /**
   * Queries over the relation the profile took (the second kind groups it once per column,
   * which reads only that column in a columnar engine).
   */
  scans: number;
  generated: string;
  elapsed_ms: number;
  columns: ColumnProfile[];
}

export interface ProfileOptions {
  /** Most frequent values and shapes kept per column (default 20). */
  top?: number;
  /** Histogram bins (default 20). */
  bins?: number;
  quantiles?: number[];
  /** For the profile's `source`. */
  description?: string;
  onQuery?: (sql: Sql, purpose: string) => void;
}

export const DEFAULT_QUANTILES = [0, 0.05, 0.25, 0.5, 0.75, 0.95, 1];

/** Columns of one query of the second pass (see where it is used). */
export const COLUMNS_PER_QUERY = 16;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';

export function kindOf(conn: Connection, type: string): ColumnKind {
  const d = conn.dialect;
  if (d.isBooleanType(type)) return 'boolean';
  if (d.isNumericType(type)) return 'numeric';
  if (d.isPlainTextType(type)) return 'string';
  if (d.isTemporalType(type) && !/^INTERVAL/i.test(type)) return 'temporal';
  return 'other';
}

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export async function profile(conn: Connection, relation: Sql, opts: ProfileOptions = {}): Promise<Profile> {
  const started = Date.now();
  const d = conn.dialect;
  const top = opts.top ?? 20;
  const bins = opts.bins ?? 20;
  const qs = opts.quantiles ?? DEFAULT_QUANTILES;
  const run = async (sql: Sql, purpose: string) => {
    opts.onQuery?.(sql, purpose);
    return conn.query(sql);
  };
  const columns: (Column & { kind: ColumnKind; q: Sql })[] = (await conn.columns(relation)).map((c) => ({
    ...c,
    kind: kindOf(conn, c.type),
    q: d.ident(c.name),
  }));

  // ---- scan 1: one aggregate over every column ----
  const select: string[] = [`count(*) AS ${d.ident('rows')}`];
  columns.forEach((c, i) => {
    const a = (name: string, expr: Sql) => select.push(`${expr} AS ${d.ident(`c${i}_${name}`)}`);
    // A text column's count, range and lengths come from its groups (pass 2), which are fewer
    // than its rows: its values are read once, not twice.
    if (c.kind !== 'string') a('n', d.aggregate({ fn: 'count', arg: c.q }));
    if (c.kind === 'numeric') {
      const x = d.castDouble(c.q);
      a('min', d.aggregate({ fn: 'min', arg: x }));
      a('max', d.aggregate({ fn: 'max', arg: x }));
      a('mean', d.aggregate({ fn: 'avg', arg: x }));
      a('sd', d.aggregate({ fn: 'stddev_samp', arg: x }));
      a('qs', d.aggregate({ fn: 'quantiles_disc', arg: c.q, quantiles: qs }));
    } else if (c.kind === 'temporal') {
      a('min', d.castText(d.aggregate({ fn: 'min', arg: c.q })));
      a('max', d.castText(d.aggregate({ fn: 'max', arg: c.q })));
      a('qs', d.aggregate({ fn: 'quantiles_disc', arg: c.q, quantiles: qs, type: c.type }));
    }
  });
  // One scan, unless the engine limits the length of a select list (PostgreSQL: 1,664 entries,
  // ~270 numeric columns): then as few as it allows, as validation's fused scan does.
  const limit = Math.max(1, d.capabilities.maxSelectItems);
  const m: Record<string, unknown> = {};
  let scans = 0;
  for (let i = 0; i < select.length; i += limit, scans++) {
    const [part = {}] = await run(`SELECT ${select.slice(i, i + limit).join(', ')} FROM ${relation}`, 'profile: aggregates');
    Object.assign(m, part);
  }
  const rows = Number(m.rows);

  // ---- pass 2: one GROUP BY per column, in one query ----
  // Each column is grouped on its own typed values (no cast, nulls left out), once: the number
  // of groups is the exact distinct count, the groups by count give the most frequent values
  // (ties broken by their text, as the report shows them: the top-N sort reads each group's
  // text, but the hash table never holds it), and the histogram and the character shapes read
  // the groups, not the rows. One GROUP BY GROUPING SETS over every column did the same in one
  // scan, but hashed every value of every set as text: 1M orders, 2.6 s of CPU against ~1 s
  // this way (bench/README.md). A columnar engine reads only the column each group-by needs.
  // A column's null values are its null count (query 1): never a group, never a histogram bin.
  const grouped = columns.flatMap((c, i) => (c.kind === 'other' ? [] : [{ c, i }]));
  const binOf: { lo: number; width: number }[] = [];
  const byCol = new Map<number, { values: ValueCount[]; distinct: number; shapes: PatternLevel[]; bins: Map<number, number> }>();
  const entry = (i: number) => {
    let e = byCol.get(i);
    if (!e) byCol.set(i, (e = { values: [], distinct: 0, shapes: [], bins: new Map() }));
    return e;
  };
  // The character shapes of a text column, from its distinct values (not its rows), one class
  // at a time: each fold merges values, so the next reads fewer (translate's cost grows with
  // its mapping: the three classes at once cost 5x digits alone, per value, in DuckDB).
  const fold = (from: Sql, chars: string, to: string) =>
    `(SELECT v, sum(n) AS n FROM (SELECT translate(v, ${d.literal(chars)}, ${d.literal(to.repeat(chars.length))}) AS v, n FROM ${from}) AS f GROUP BY v)`;
  const runs = d.regexReplaceAll(d.regexReplaceAll(d.regexReplaceAll('v', 'A+', 'A'), 'a+', 'a'), '9+', '9');
  const words = d.regexReplaceAll(`translate(v, 'Aa9', 'www')`, 'w+', 'w');
  // An integer column whose values are dense (its range at most 4 times its count, e.g. a
  // key 1..N) can be counted in an array indexed by value where the engine can (DuckDB's perfect
  // hash aggregate, set for these queries only): 3x less CPU than a hash table for a key.
  const bitsOf = ({ c, i }: (typeof grouped)[number]) => {
    const [lo, hi, n] = [num(m[`c${i}_min`]), num(m[`c${i}_max`]), Number(m[`c${i}_n`] ?? 0)];
    if (c.kind !== 'numeric' || lo === null || hi === null || !Number.isInteger(lo) || !Number.isInteger(hi)) return 0;
    const bits = Math.ceil(Math.log2(hi - lo + 2));
    return 2 ** bits <= 4 * n ? bits : 0;
  };
  const bits = Math.max(0, ...grouped.map(bitsOf));
  const dense = bits > 0 ? d.denseGroupBy(bits) : null;
  if (dense) await conn.exec(dense.set);
  try {
    await groupBys();
  } finally {
    if (dense) await conn.exec(dense.reset);
  }

  async function groupBys() {
    // At most COLUMNS_PER_QUERY columns per query: an engine plans a query of many CTEs and
    // branches slowly (the square of their number, as it did for grouping sets), so a wide table
    // takes a few more queries instead.
    for (let from = 0; from < grouped.length; from += COLUMNS_PER_QUERY, scans++) {
      const chunk = grouped.slice(from, from + COLUMNS_PER_QUERY);
      const ctes: Sql[] = [];
      const parts: Sql[] = [];
      chunk.forEach(({ c, i }, j) => {
        const g = `g${j}`;
        ctes.push(d.cte(g, `SELECT ${c.q} AS v, count(*) AS n FROM ${relation} WHERE ${c.q} IS NOT NULL GROUP BY ${c.q}`));
        // How many values and distinct values; the most frequent values (the groups are distinct already).
        parts.push(`(SELECT ${j} AS j, 'count' AS level, NULL AS v, sum(n) AS n, count(*) AS groups FROM ${g})`);
        // Only groups counted at least as often as the top-th most frequent can be among the top
        // values: the others are never turned into text (9M timestamps: 0.13 s of CPU to 0.02 s).
        const kth = `(SELECT min(n) FROM (SELECT n FROM ${g} ORDER BY n DESC LIMIT ${top}) AS k)`;
        parts.push(
          `(SELECT ${j} AS j, 'value' AS level, ${d.castText('v')} AS v, n, 0 AS groups FROM ${g} WHERE n >= ${kth} ORDER BY n DESC, v LIMIT ${top})`,
        );
        if (c.kind === 'string') {
          // Range and lengths: the shortest length beside the least value, the longest and the
          // sum of the lengths (for their mean) beside the greatest.
          const len = d.length('v');
          parts.push(`(SELECT ${j} AS j, 'min' AS level, min(v) AS v, min(${len}) AS n, 0 AS groups FROM ${g})`);
          parts.push(`(SELECT ${j} AS j, 'max' AS level, max(v) AS v, max(${len}) AS n, sum(${len} * n) AS groups FROM ${g})`);
        }
        const lo = num(m[`c${i}_min`]);
        const hi = num(m[`c${i}_max`]);
        if (c.kind === 'numeric' && lo !== null && hi !== null && Number.isFinite(lo) && Number.isFinite(hi) && hi > lo) {
          const width = (hi - lo) / bins;
          binOf[i] = { lo, width };
          const bin = `least(CAST(floor((${d.castDouble('v')} - ${d.literal(lo)}) / ${d.literal(width)}) AS INTEGER), ${bins - 1})`;
          parts.push(
            `(SELECT ${j} AS j, 'bin' AS level, ${d.castText('b')} AS v, sum(n) AS n, 0 AS groups FROM (SELECT ${bin} AS b, n FROM ${g}) AS h GROUP BY b)`,
          );
        }
        if (c.kind !== 'string') return;
        const s = `s${j}`;
        ctes.push(d.cte(s, fold(fold(fold(`${g} AS d`, DIGITS, '9') + ' AS f9', LOWER, 'a') + ' AS fa', UPPER, 'A')));
        // The most frequent shapes at each level: shapes merge, so they are summed and counted again.
        for (const [level, v] of [
          ['exact', 'v'],
          ['runs', runs],
          ['words', words],
        ] as const)
          parts.push(
            `(SELECT ${j} AS j, ${d.literal(level)} AS level, v, n, groups FROM (` +
              `SELECT v, sum(n) AS n, count(*) OVER () AS groups FROM (SELECT ${v} AS v, n FROM ${s}) AS s GROUP BY v) AS t ORDER BY n DESC, v LIMIT ${top})`,
          );
      });
      const sql = `WITH ${ctes.join(',\n')}\n${parts.join('\nUNION ALL\n')}`;
      for (const r of await run(sql, 'profile: values, patterns and histograms')) {
        const { i } = chunk[Number(r.j)]!;
        const e = entry(i);
        const vc = { value: r.v === null ? null : String(r.v), count: Number(r.n) };
        if (r.level === 'count') {
          m[`c${i}_n`] = Number(r.n ?? 0);
          e.distinct = Number(r.groups);
        } else if (r.level === 'value') e.values.push(vc);
        else if (r.level === 'min') Object.assign(m, { [`c${i}_min`]: r.v, [`c${i}_lmin`]: r.n });
        else if (r.level === 'max') Object.assign(m, { [`c${i}_max`]: r.v, [`c${i}_lmax`]: r.n, [`c${i}_lsum`]: r.groups });
        else if (r.level === 'bin') e.bins.set(Number(r.v), vc.count);
        else {
          const k = ['exact', 'runs', 'words'].indexOf(String(r.level));
          const level = (e.shapes[k] ??= { distinct: Number(r.groups), top: [] });
          level.top.push(vc);
        }
      }
    }
  }
  const sortTop = (l: ValueCount[]) => l.sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));

  const out: ColumnProfile[] = columns.map((c, i) => {
    const n = Number(m[`c${i}_n`] ?? 0);
    const e = entry(i);
    const qv = m[`c${i}_qs`];
    const b = binOf[i];
    const empty: PatternLevel = { distinct: 0, top: [] };
    return {
      name: c.name,
      type: c.type,
      kind: c.kind,
      nulls: rows - n,
      null_fraction: rows ? (rows - n) / rows : null,
      distinct: c.kind === 'other' ? 0 : e.distinct,
      min: (m[`c${i}_min`] as ColumnProfile['min']) ?? null,
      max: (m[`c${i}_max`] as ColumnProfile['max']) ?? null,
      mean: num(m[`c${i}_mean`]),
      stddev: num(m[`c${i}_sd`]),
      quantiles: Array.isArray(qv) ? qs.map((q, k) => ({ q, value: (qv[k] as number | string | null) ?? null })) : [],
      length:
        c.kind === 'string' && n > 0
          ? { min: Number(m[`c${i}_lmin`]), max: Number(m[`c${i}_lmax`]), mean: Number(m[`c${i}_lsum`]) / n }
          : null,
      top_values: sortTop(e.values),
      patterns:
        c.kind === 'string'
          ? {
              exact: withSorted(e.shapes[0] ?? empty),
              runs: withSorted(e.shapes[1] ?? empty),
              words: withSorted(e.shapes[2] ?? empty),
            }
          : null,
      histogram: b
        ? Array.from({ length: bins }, (_, k) => ({ lo: b.lo + k * b.width, hi: b.lo + (k + 1) * b.width, count: e.bins.get(k) ?? 0 }))
        : [],
    };
  });
  return {
    source: opts.description ?? relation,
    engine: d.name,
    rows,
    scans,
    generated: new Date().toISOString(),
    elapsed_ms: Date.now() - started,
    columns: out,
  };

  function withSorted(l: PatternLevel): PatternLevel {
    return { distinct: l.distinct, top: sortTop(l.top) };
  }
}
