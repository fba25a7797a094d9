// The keyed comparison's queries, one set for every path: two sides `t` (the table under test)
// and `s` (the other), each a SELECT of `TRUE AS p, <keys> AS k0.., <compared> AS c0..`, joined
// on the keys into `j`; a counting query, a sampling query and a duplicate-key query read `j`.
// expect_table_to_match_other_table runs them in the engine where both tables live, with the
// values themselves; a cross-engine comparison (./cross-compare.ts) runs them in DuckDB over
// keys and hashes fetched from each engine. The same SQL, so the same answers.
//
// A key identifies one row on each side. A row whose key the other side lacks is missing (or
// extra) however often its key occurs; a key part that is null matches nothing (SQL equality,
// which every engine can hash). A key that occurs more than once on one side and is found on
// the other cannot be paired: the join multiplies its rows, which the counting query notices
// (its joined rows outnumber the side's rows); the comparison then fails, and a follow-up
// counts and samples those keys (`duplicate_keys`). Checking that costs nothing when no key is
// duplicated.
import type { Dialect } from '../dialects/base.js';
import type { QueryRunner, Row, Sql } from './types.js';

export interface MatchInput {
  dialect: Dialect;
  /** `SELECT TRUE AS p, ... AS k0.., ... AS c0.. FROM ...` of this table and of the other. */
  self: Sql;
  other: Sql;
  /** Key and compared column names, for results (their order is k0.., c0..). */
  keys: readonly string[];
  compared: readonly string[];
  /** This side's row count when already known (the fused scan's), else counted with the join. */
  rows?: number;
  /** A scalar subquery counting the other side's rows (default: a count of `s`). */
  otherRows?: Sql;
  /** Differing rows of each kind to sample (0: none). */
  limit: number;
  /** Whether the samples of changed rows carry the values of both sides (false when they are hashes). */
  values: boolean;
}

export interface MatchObserved {
  rows: number;
  other_rows: number;
  missing: number;
  extra: number;
  changed: number;
  duplicate_keys: number;
}

const n = (v: unknown) => Number(v ?? 0);

/** The differences of two sides: GE-style observed value and details. */
export async function judgeMatch(
  m: MatchInput,
  run: QueryRunner,
): Promise<{ success: boolean; observed: MatchObserved; details: Record<string, unknown> }> {
  const { dialect: d, keys, compared, limit } = m;
  const k = keys.map((_, i) => `k${i}`);
  // tp/sp say which side a joined row has (the key itself may be null); dN that column differs.
  const cte =
    `WITH t AS (${m.self}), s AS (${m.other}), ` +
    `j AS (SELECT t.p AS tp, s.p AS sp, ${k.map((x) => `COALESCE(t.${x}, s.${x}) AS ${x}`).join(', ')}` +
    compared.map((_, i) => `, t.c${i} IS DISTINCT FROM s.c${i} AS d${i}, t.c${i} AS t${i}, s.c${i} AS s${i}`).join('') +
    ` FROM t FULL OUTER JOIN s ON ${k.map((x) => `t.${x} = s.${x}`).join(' AND ')})`;
  const changed = compared.length ? `tp AND sp AND (${compared.map((_, i) => `d${i}`).join(' OR ')})` : 'FALSE';
  const count = (filter: Sql) => d.aggregate({ fn: 'count', filter });
  const [r = {}] = await run(
    `${cte} SELECT ${count('tp')} AS t_joined, ${count('sp')} AS s_joined, ${count('sp AND tp IS NULL')} AS missing, ` +
      `${count('tp AND sp IS NULL')} AS extra, ${count(changed)} AS changed` +
      compared.map((_, i) => `, ${count(`tp AND sp AND d${i}`)} AS d${i}`).join('') +
      `, ${m.otherRows ?? '(SELECT count(*) FROM s)'} AS other_rows${m.rows === undefined ? ', (SELECT count(*) FROM t) AS self_rows' : ''} FROM j`,
  );
  const rows = m.rows ?? n(r.self_rows);
  const otherRows = n(r.other_rows);
  const keyOf = (row: Row) => Object.fromEntries(keys.map((name, i) => [name, row[`k${i}`]]));

  /** Keys that occur more than once on one side and are found on the other: how many, and some of them. */
  const duplicateKeys = async (here: 't' | 's') => {
    const there = here === 't' ? 's' : 't';
    const kcols = k.join(', ');
    const order = k.map((x) => `${x} NULLS LAST`).join(', ');
    const dup = await run(
      `${cte} SELECT ${kcols}, n, count(*) OVER () AS keys FROM (SELECT ${kcols}, count(*) AS n FROM ${here} ` +
        `WHERE EXISTS (SELECT 1 FROM ${there} WHERE ${k.map((x) => `${there}.${x} = ${here}.${x}`).join(' AND ')}) ` +
        `GROUP BY ${kcols} HAVING count(*) > 1) AS dup ORDER BY ${order} LIMIT ${Math.max(1, limit)}`,
    );
    return { count: n(dup[0]?.keys), sample: limit > 0 ? dup.map((row) => ({ key: keyOf(row), rows: n(row.n) })) : [] };
  };
  // A joined side with more rows than the side itself: some key of the OTHER side repeats.
  const dupSelf = n(r.s_joined) > otherRows ? await duplicateKeys('t') : null;
  const dupOther = n(r.t_joined) > rows ? await duplicateKeys('s') : null;
  const observed: MatchObserved = {
    rows,
    other_rows: otherRows,
    missing: n(r.missing),
    extra: n(r.extra),
    changed: n(r.changed),
    duplicate_keys: (dupSelf?.count ?? 0) + (dupOther?.count ?? 0),
  };
  const success = observed.missing === 0 && observed.extra === 0 && observed.changed === 0 && observed.duplicate_keys === 0;
  const changedColumns = Object.fromEntries(compared.map((col, i) => [col, n(r[`d${i}`])]).filter(([, v]) => Number(v) > 0));
  const details: Record<string, unknown> = { key: [...keys], compared_columns: [...compared], changed_columns: changedColumns };
  if (dupSelf || dupOther) details.duplicate_keys = { self: dupSelf?.count ?? 0, other: dupOther?.count ?? 0 };
  if (success || limit <= 0) return { success, observed, details };

  // Up to `limit` differing rows of each kind, in key order, in one query over the same join.
  const samples: Record<string, unknown> = {};
  if (observed.missing + observed.extra + observed.changed > 0) {
    const kind = `CASE WHEN tp IS NULL THEN 'missing' WHEN sp IS NULL THEN 'extra' ELSE 'changed' END`;
    const kcols = k.join(', ');
    // Every engine puts nulls in the same place, so samples agree across engines.
    const order = k.map((x) => `${x} NULLS LAST`).join(', ');
    const values = compared.map((_, i) => `, d${i}${m.values ? `, t${i}, s${i}` : ''}`).join('');
    const diff = await run(
      `${cte} SELECT * FROM (SELECT ${kind} AS kind, ${kcols}${values}, row_number() OVER (PARTITION BY ${kind} ORDER BY ${order}) AS rn ` +
        `FROM j WHERE tp IS NULL OR sp IS NULL OR (${changed})) AS diff WHERE rn <= ${limit} ORDER BY kind, rn`,
    );
    const of = (kindName: string) => diff.filter((row) => row.kind === kindName);
    if (observed.missing) samples.missing = of('missing').map(keyOf);
    if (observed.extra) samples.extra = of('extra').map(keyOf);
    if (observed.changed)
      samples.changed = of('changed').map((row) => ({
        key: keyOf(row),
        // Across engines only hashes crossed: the sample names the columns that differ, and
        // ./cross-compare.ts reads their values by key.
        columns: Object.fromEntries(
          compared.flatMap((col, i) => (row[`d${i}`] ? [[col, m.values ? { self: row[`t${i}`], other: row[`s${i}`] } : {}]] : [])),
        ),
      }));
  }
  if (dupSelf?.sample.length || dupOther?.sample.length)
    samples.duplicate_keys = { ...(dupSelf ? { self: dupSelf.sample } : {}), ...(dupOther ? { other: dupOther.sample } : {}) };
  details.samples = samples;
  return { success, observed, details };
}
