// Reconciliation: this table (the target) holds the same rows as another (the source), matched
// by key. Where both live in one engine it is one query there: a FULL OUTER JOIN on the key
// counts rows missing here, rows extra here and rows whose compared columns differ (per column,
// IS DISTINCT FROM, so two nulls are equal). A second query, run only when something differs,
// samples the differing rows with their keys. Nothing but counts and samples leaves the engine.
//
// A key identifies one row on each side. A row whose key the other side lacks is missing (or
// extra) however often its key occurs; a key part that is null matches nothing (SQL equality,
// which every engine can hash). A key that occurs more than once on one side and is found on
// the other cannot be paired: the join multiplies its rows, which the counting query notices
// (its joined rows outnumber the side's rows); the expectation then fails, and a follow-up
// counts and samples those keys (`duplicate_keys`). Checking that costs nothing when no key is
// duplicated.
import { aggregateResult, OBSERVED_VALUES_MAX } from '../src/engine/aggregate.js';
import type { Ctx, ExpectationDefinition, QueryRunner, Row, Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';
import { otherRelation } from './_other_table.js';

type K = { other_table: string; key: string | string[]; compare_columns?: string[] };

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** The key columns and the compared columns (default: every column of this table but the key). */
function columnsOf(ctx: Ctx<K>): { keys: string[]; compared: string[] } {
  const keys = list(ctx.kwargs.key);
  const compared = ctx.kwargs.compare_columns ?? ctx.columns.map((c) => c.name).filter((c) => !keys.includes(c));
  const repeated = compared.filter((c) => keys.includes(c));
  if (repeated.length) throw new InvalidKwargsError(`compare_columns may not repeat a key column (${repeated.join(', ')})`);
  return { keys, compared };
}

/** What the keyed comparison reads: the two sides, their join, and the SQL names of its parts. */
function comparison(ctx: Ctx<K>) {
  const d = ctx.dialect;
  const { keys, compared } = columnsOf(ctx);
  const other = otherRelation(ctx, ctx.kwargs.other_table, 'other_table');
  const k = keys.map((_, i) => `k${i}`);
  const side = (col: (c: string) => Sql) =>
    `TRUE AS p, ${[...keys.map((c, i) => `${col(c)} AS k${i}`), ...compared.map((c, i) => `${col(c)} AS c${i}`)].join(', ')}`;
  // tp/sp say which side a joined row has (the key itself may be null); dN that column differs.
  const cte =
    `WITH t AS (SELECT ${side((c) => ctx.col(c))} ${ctx.from()}), ` +
    `s AS (SELECT ${side((c) => d.ident(c))} FROM ${other} AS o), ` +
    `j AS (SELECT t.p AS tp, s.p AS sp, ${k.map((x) => `COALESCE(t.${x}, s.${x}) AS ${x}`).join(', ')}` +
    compared.map((_, i) => `, t.c${i} IS DISTINCT FROM s.c${i} AS d${i}, t.c${i} AS t${i}, s.c${i} AS s${i}`).join('') +
    ` FROM t FULL OUTER JOIN s ON ${k.map((x) => `t.${x} = s.${x}`).join(' AND ')})`;
  const changed = compared.length ? `tp AND sp AND (${compared.map((_, i) => `d${i}`).join(' OR ')})` : 'FALSE';
  return { keys, compared, other, cte, k, changed };
}

const n = (v: unknown) => Number(v ?? 0);

/** How many differing rows of each kind come back: none for BOOLEAN_ONLY, more for COMPLETE. */
function sampleLimit(ctx: Ctx<K>): number {
  const rf = ctx.resultFormat;
  if (rf.result_format === 'BOOLEAN_ONLY') return 0;
  return rf.result_format === 'COMPLETE' ? OBSERVED_VALUES_MAX : Math.max(0, rf.partial_unexpected_count);
}

/** Keys that occur more than once on one side and are found on the other: how many, and some of them. */
async function duplicateKeys(
  ctx: Ctx<K>,
  run: QueryRunner,
  c: ReturnType<typeof comparison>,
  side: 't' | 's',
  limit: number,
): Promise<{ count: number; sample: Row[] }> {
  const here = side;
  const there = side === 't' ? 's' : 't';
  const kcols = c.k.join(', ');
  const order = c.k.map((x) => `${x} NULLS LAST`).join(', ');
  const rows = await run(
    `${c.cte} SELECT ${kcols}, n, count(*) OVER () AS keys FROM (SELECT ${kcols}, count(*) AS n FROM ${here} ` +
      `WHERE EXISTS (SELECT 1 FROM ${there} WHERE ${c.k.map((x) => `${there}.${x} = ${here}.${x}`).join(' AND ')}) ` +
      `GROUP BY ${kcols} HAVING count(*) > 1) AS dup ORDER BY ${order} LIMIT ${Math.max(1, limit)}`,
  );
  const keyOf = (row: Row) => Object.fromEntries(c.keys.map((name, i) => [name, row[`k${i}`]]));
  return { count: n(rows[0]?.keys), sample: limit > 0 ? rows.map((r) => ({ key: keyOf(r), rows: n(r.n) })) : [] };
}

const def: ExpectationDefinition<K> = {
  type: 'expect_table_to_match_other_table',
  family: 'table',
  description: 'The table holds the same rows as another, matched by key: none missing, none extra, none changed.',
  schema: {
    properties: {
      other_table: {
        type: 'string',
        minLength: 1,
        description: 'The table to match (the source): a table of the same connection, or on DuckDB a file or glob.',
      },
      key: {
        description: 'The column or columns that identify a row on both sides.',
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
        ],
      },
      compare_columns: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Columns whose values must agree (default: every column of this table but the key).',
      },
    },
    required: ['other_table', 'key'],
  },
  sentence: (k) => `rows match ${k.other_table} by ${list(k.key).join(', ')}`,
  columns: (k) => [...list(k.key), ...(k.compare_columns ?? [])],
  plan(ctx) {
    comparison(ctx);
    // This side's row count shares the table's scan; the other side's is counted with the join.
    return { rows: ctx.count() };
  },
  async judge(ctx, m, run) {
    const c = comparison(ctx);
    const count = (filter: Sql) => ctx.dialect.aggregate({ fn: 'count', filter });
    const [r = {}] = await run(
      `${c.cte} SELECT ${count('tp')} AS t_joined, ${count('sp')} AS s_joined, ${count('sp AND tp IS NULL')} AS missing, ` +
        `${count('tp AND sp IS NULL')} AS extra, ${count(c.changed)} AS changed` +
        c.compared.map((_, i) => `, ${count(`tp AND sp AND d${i}`)} AS d${i}`).join('') +
        `, (SELECT count(*) FROM ${c.other} AS o) AS other_rows FROM j`,
    );
    const rows = n(m.rows);
    const otherRows = n(r.other_rows);
    const limit = sampleLimit(ctx);
    // A joined side with more rows than the side itself: some key of the OTHER side repeats.
    const dupSelf = n(r.s_joined) > otherRows ? await duplicateKeys(ctx, run, c, 't', limit) : null;
    const dupOther = n(r.t_joined) > rows ? await duplicateKeys(ctx, run, c, 's', limit) : null;
    const observed = {
      rows,
      other_rows: otherRows,
      missing: n(r.missing),
      extra: n(r.extra),
      changed: n(r.changed),
      duplicate_keys: (dupSelf?.count ?? 0) + (dupOther?.count ?? 0),
    };
    const success = observed.missing === 0 && observed.extra === 0 && observed.changed === 0 && observed.duplicate_keys === 0;
    const changedColumns = Object.fromEntries(c.compared.map((col, i) => [col, n(r[`d${i}`])]).filter(([, v]) => Number(v) > 0));
    const details: Record<string, unknown> = { key: c.keys, compared_columns: c.compared, changed_columns: changedColumns };
    if (dupSelf || dupOther) details.duplicate_keys = { self: dupSelf?.count ?? 0, other: dupOther?.count ?? 0 };
    if (!success && limit > 0) details.samples = await samples(c, observed, run, limit, { self: dupSelf, other: dupOther });
    return aggregateResult(ctx, success, { observed_value: observed, details });
  },
};
export default def;

/** Up to `limit` differing rows of each kind, in key order, in one query over the same join. */
async function samples(
  c: ReturnType<typeof comparison>,
  observed: { missing: number; extra: number; changed: number },
  run: QueryRunner,
  limit: number,
  dups: Record<'self' | 'other', { sample: Row[] } | null>,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  if (observed.missing + observed.extra + observed.changed > 0) {
    const kind = `CASE WHEN tp IS NULL THEN 'missing' WHEN sp IS NULL THEN 'extra' ELSE 'changed' END`;
    const kcols = c.k.join(', ');
    // Every engine puts nulls in the same place, so samples agree across engines.
    const order = c.k.map((x) => `${x} NULLS LAST`).join(', ');
    const values = c.compared.map((_, i) => `, d${i}, t${i}, s${i}`).join('');
    const rows = await run(
      `${c.cte} SELECT * FROM (SELECT ${kind} AS kind, ${kcols}${values}, row_number() OVER (PARTITION BY ${kind} ORDER BY ${order}) AS rn ` +
        `FROM j WHERE tp IS NULL OR sp IS NULL OR (${c.changed})) AS diff WHERE rn <= ${limit} ORDER BY kind, rn`,
    );
    const keyOf = (row: Row) => Object.fromEntries(c.keys.map((name, i) => [name, row[`k${i}`]]));
    const of = (k: string) => rows.filter((row) => row.kind === k);
    if (observed.missing) out.missing = of('missing').map(keyOf);
    if (observed.extra) out.extra = of('extra').map(keyOf);
    if (observed.changed)
      out.changed = of('changed').map((row) => ({
        key: keyOf(row),
        columns: Object.fromEntries(
          c.compared.flatMap((col, i) => (row[`d${i}`] ? [[col, { self: row[`t${i}`], other: row[`s${i}`] }]] : [])),
        ),
      }));
  }
  if (dups.self?.sample.length || dups.other?.sample.length)
    out.duplicate_keys = { ...(dups.self ? { self: dups.self.sample } : {}), ...(dups.other ? { other: dups.other.sample } : {}) };
  return out;
}
