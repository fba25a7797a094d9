// Aggregate reconciliation: this table and another agree on their row count, the sums of named
// columns and the distinct counts of others, as a whole or per group of `group_by` columns,
// within a stated tolerance. One query where both live: each side aggregated by group, the two
// joined on the group (null-safely: a null group is a group), and the differing groups first,
// with window totals, so the counts and the sampled groups come back in the same rows. Only
// aggregates leave the engine, however large either table.
//
// Across engines (`other_connection`, or a file as the other table of a server's table) each side
// is aggregated where it lives; only its groups (one row each: the group's canonical text and its
// aggregates) cross into a DuckDB, which runs the same comparison over them.
import type { Dialect } from '../src/dialects/base.js';
import { aggregateResult, sampleLimit } from '../src/engine/aggregate.js';
import { isIntegerType, keyText } from '../src/engine/cross-compare.js';
import { landRows, type Landed, type Moved } from '../src/engine/land.js';
import type { Ctx, ExpectationDefinition, Row, Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';
import {
  checkOtherRowCondition,
  crossEngine,
  elsewhere,
  otherConnectionSchema,
  otherRelation,
  otherRowConditionSchema,
  otherWhere,
} from './_other_table.js';

type K = {
  other_table: string;
  other_connection?: string;
  other_row_condition?: string;
  group_by?: string[];
  sum_columns?: string[];
  distinct_columns?: string[];
  tolerance?: number;
  relative_tolerance?: number;
};

/** The last digits of a parallel floating-point sum depend on the order of addition. */
const FLOAT_SUM_RELATIVE_TOLERANCE = 1e-9;
const isFloat = (type: string) => /^(FLOAT|REAL|DOUBLE)/i.test(type);

interface Measure {
  /** Its name in results: row_count, sum(amount), distinct(customer_id). */
  name: string;
  /** The aggregate over one side; `col` spells a column of that side. */
  sql(col: (c: string) => Sql): Sql;
  /** Totals over groups mean something (counts and sums add up; distinct counts do not). */
  additive: boolean;
  float: boolean;
}

function measures(ctx: Ctx<K>): Measure[] {
  const k = ctx.kwargs;
  return [
    { name: 'row_count', sql: () => 'count(*)', additive: true, float: false },
    ...(k.sum_columns ?? []).map((c) => ({
      name: `sum(${c})`,
      sql: (col: (c: string) => Sql) => `sum(${col(c)})`,
      additive: true,
      float: isFloat(ctx.typeOf(c)),
    })),
    ...(k.distinct_columns ?? []).map((c) => ({
      name: `distinct(${c})`,
      sql: (col: (c: string) => Sql) => `count(DISTINCT ${col(c)})`,
      additive: false,
      float: false,
    })),
  ];
}

function check(k: K): void {
  checkOtherRowCondition(k);
  const groups = k.group_by ?? [];
  const overlap = [...(k.sum_columns ?? []), ...(k.distinct_columns ?? [])].filter((c) => groups.includes(c));
  if (overlap.length) throw new InvalidKwargsError(`a group_by column is not also aggregated (${overlap.join(', ')})`);
}

/** SQL (of dialect `d`) true when the two values of one aggregate differ by more than the tolerance. */
function differs(k: K, d: Dialect, m: Measure, a: Sql, b: Sql): Sql {
  const given = k.tolerance !== undefined || k.relative_tolerance !== undefined;
  const absolute = k.tolerance ?? 0;
  const relative = k.relative_tolerance ?? (!given && m.float ? FLOAT_SUM_RELATIVE_TOLERANCE : 0);
  const lit = (v: number) => d.literal(v);
  const allowed = relative > 0 ? `greatest(${lit(absolute)}, ${lit(relative)} * abs(${b}))` : lit(absolute);
  return `CASE WHEN ${a} IS NULL AND ${b} IS NULL THEN FALSE WHEN ${a} IS NULL OR ${b} IS NULL THEN TRUE ELSE abs(${a} - ${b}) > ${allowed} END`;
}

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/**
 * The query where the two sides `t` and `s` (each a SELECT of g0.., a0..) meet: the differing
 * groups first, each row carrying the window counts and totals.
 */
function meet(k: K, d: Dialect, ms: Measure[], g: string[], limit: number, t: Sql, s: Sql): Sql {
  // The sides meet by a GROUP BY over their union rather than a join: grouping treats nulls as
  // equal and every engine hashes it, where PostgreSQL cannot FULL JOIN on IS NOT DISTINCT FROM.
  const carry = (mine: 't' | 's') =>
    [
      `${mine === 't' ? '1' : 'NULL'} AS tp, ${mine === 's' ? '1' : 'NULL'} AS sp`,
      ...g,
      ...ms.map((_, i) => `${mine === 't' ? `a${i}` : 'NULL'} AS t${i}, ${mine === 's' ? `a${i}` : 'NULL'} AS s${i}`),
    ].join(', ');
  const cte =
    `WITH t AS (${t}), s AS (${s}), ` +
    `u AS (SELECT ${carry('t')} FROM t UNION ALL SELECT ${carry('s')} FROM s), ` +
    `m AS (SELECT max(tp) = 1 AS tp, max(sp) = 1 AS sp${g.map((x) => `, ${x}`).join('')}` +
    ms.map((_, i) => `, max(t${i}) AS t${i}, max(s${i}) AS s${i}`).join('') +
    ` FROM u${g.length ? ` GROUP BY ${g.join(', ')}` : ''}), ` +
    `j AS (SELECT *${ms.map((m, i) => `, ${differs(k, d, m, `t${i}`, `s${i}`)} AS d${i}`).join('')} FROM m)`;
  const flag = (cond: Sql) => `sum(CASE WHEN ${cond} THEN 1 ELSE 0 END) OVER ()`;
  const differing = `tp IS NULL OR sp IS NULL${ms.map((_, i) => ` OR d${i}`).join('')}`;
  return (
    `${cte} SELECT *, count(*) OVER () AS n_groups, ${flag('tp IS NULL')} AS n_missing, ${flag('sp IS NULL')} AS n_extra, ` +
    `${flag(differing)} AS n_differing` +
    ms
      .map(
        (m, i) =>
          `, ${flag(`tp AND sp AND d${i}`)} AS n${i}${m.additive ? `, sum(t${i}) OVER () AS tt${i}, sum(s${i}) OVER () AS ts${i}` : ''}`,
      )
      .join('') +
    ` FROM j ORDER BY CASE WHEN ${differing} THEN 0 ELSE 1 END${g.map((x) => `, ${x} NULLS LAST`).join('')} LIMIT ${Math.max(1, limit)}`
  );
}

/**
 * The comparison when the other table lives in another engine: each side aggregated where it
 * lives, its groups as canonical text (integers as digits, read back as integers), landed in
 * the DuckDB where they meet unless that DuckDB holds the side already.
 */
async function acrossEngines(
  ctx: Ctx<K>,
  side: (col: (c: string) => Sql, from: Sql, group: (c: string) => Sql) => Sql,
  moved: Moved,
  meetOf: (d: Dialect, t: Sql, s: Sql) => Sql,
): Promise<Row[]> {
  const groups = ctx.kwargs.group_by ?? [];
  const other = await elsewhere(ctx);
  const scratch = await ctx.reach!.scratch();
  const self = ctx.reach!.self;
  const od = other.conn.dialect;
  const otherColumns = await other.conn.columns(other.relation);
  const otherType = (c: string) => {
    const col = otherColumns.find((x) => x.name === c);
    if (!col)
      throw new InvalidKwargsError(
        `other_table ${ctx.kwargs.other_table} has no column ${c} (it has ${otherColumns.map((x) => x.name).join(', ')})`,
      );
    return col.type;
  };
  // Groups of integer columns (on both sides) cross as digits and are read back as integers.
  const integer = (c: string) => isIntegerType(ctx.typeOf(c)) && isIntegerType(otherType(c));
  const selfSql = side(ctx.col, ctx.from(), (c) => keyText(ctx.dialect, ctx.col(c), ctx.typeOf(c), integer(c)));
  const otherSql = side(
    (c) => od.ident(c),
    `FROM ${other.relation} AS o${other.where ? ` WHERE ${other.where}` : ''}`,
    (c) => keyText(od, od.ident(c), otherType(c), integer(c)),
  );
  const landed: Landed[] = [];
  try {
    const place = async (conn: typeof self, sql: Sql, local: boolean, label: string) => {
      if (local) return `(${sql}) AS l`;
      const l = await landRows(scratch, conn, sql, moved.columns, { label, moved });
      landed.push(l);
      return l.table;
    };
    const t = await place(self, selfSql, self === scratch, 'aggregates_self');
    const s = await place(other.conn, otherSql, other.local ?? false, 'aggregates_other');
    // Aggregates as numbers.
    const typed = (rel: Sql) =>
      `SELECT ${[
        ...groups.map((c, i) => (integer(c) ? `CAST(g${i} AS BIGINT) AS g${i}` : `CAST(g${i} AS VARCHAR) AS g${i}`)),
        ...moved.columns.slice(groups.length).map((a) => `CAST(${a} AS DOUBLE) AS ${a}`),
      ].join(', ')} FROM ${rel}`;
    return await scratch.query(meetOf(scratch.dialect, typed(t), typed(s)));
  } finally {
    for (const l of landed) await l.drop();
  }
}

const def: ExpectationDefinition<K> = {
  type: 'expect_table_aggregates_to_match_other_table',
  family: 'table',
  description: 'The table and another agree on row counts, sums and distinct counts, in total or per group, within a tolerance.',
  schema: {
    properties: {
      other_table: {
        type: 'string',
        minLength: 1,
        description: 'The table to match (the source): a table of the same connection, or on DuckDB a file or glob.',
      },
      other_connection: otherConnectionSchema('only one row per group crosses'),
      other_row_condition: otherRowConditionSchema,
      group_by: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Compare per group of these columns (present on both sides); absent: the tables as a whole.',
      },
      sum_columns: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Columns whose sums must agree.',
      },
      distinct_columns: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Columns whose distinct counts must agree (e.g. a key).',
      },
      tolerance: { type: 'number', minimum: 0, description: 'Largest absolute difference allowed (default 0).' },
      relative_tolerance: {
        type: 'number',
        minimum: 0,
        description:
          'Largest difference allowed as a fraction of the other table’s value (default 0; 1e-9 for sums of floating-point columns when no tolerance is given).',
      },
    },
    required: ['other_table'],
  },
  sentence: (k) =>
    `row count${k.sum_columns?.length ? `, sums of ${k.sum_columns.join(', ')}` : ''}${k.distinct_columns?.length ? `, distinct ${k.distinct_columns.join(', ')}` : ''} match ${k.other_table}${k.other_connection ? ` (${k.other_connection})` : ''}` +
    `${k.group_by?.length ? ` per ${k.group_by.join(', ')}` : ''}${k.tolerance || k.relative_tolerance ? ` within ${[k.tolerance && `${k.tolerance}`, k.relative_tolerance && `${k.relative_tolerance * 100}%`].filter(Boolean).join(' or ')}` : ''}`,
  columns: (k) => [...(k.group_by ?? []), ...(k.sum_columns ?? []), ...(k.distinct_columns ?? [])],
  check,
  plan(ctx) {
    check(ctx.kwargs);
    if (!crossEngine(ctx)) otherRelation(ctx, ctx.kwargs.other_table, 'other_table');
    return {};
  },
  async judge(ctx, _m, run) {
    const groups = ctx.kwargs.group_by ?? [];
    const ms = measures(ctx);
    const g = groups.map((_, i) => `g${i}`);
    /** One side aggregated per group: `col` spells a column, `group` a grouping column's value. */
    const side = (col: (c: string) => Sql, from: Sql, group: (c: string) => Sql = col) =>
      `SELECT ${[...groups.map((c, i) => `${group(c)} AS g${i}`), ...ms.map((m, i) => `${m.sql(col)} AS a${i}`)].join(', ')} ${from}` +
      (groups.length ? ` GROUP BY ${groups.map((c) => col(c)).join(', ')}` : '');
    const limit = sampleLimit(ctx);
    const details: Record<string, unknown> = {};
    let rows: Row[];
    if (!crossEngine(ctx)) {
      const other = otherRelation(ctx, ctx.kwargs.other_table, 'other_table');
      const d = ctx.dialect;
      const where = otherWhere(ctx, ctx.kwargs);
      const from = `FROM ${other} AS o${where ? ` WHERE ${where}` : ''}`;
      rows = await run(
        meet(
          ctx.kwargs,
          d,
          ms,
          g,
          limit,
          side(ctx.col, ctx.from()),
          side((c) => d.ident(c), from),
        ),
      );
    } else {
      const moved: Moved = { rows: 0, bytes: 0, columns: [...g, ...ms.map((_, i) => `a${i}`)] };
      rows = await acrossEngines(ctx, side, moved, (d, t, s) => meet(ctx.kwargs, d, ms, g, limit, t, s));
      if (moved.rows) details.moved = moved;
    }
    const first: Row = rows[0] ?? {};
    const aggregates = Object.fromEntries(
      ms.map((m, i) => [
        m.name,
        {
          ...(m.additive || !groups.length
            ? { self: n(first[m.additive ? `tt${i}` : `t${i}`]), other: n(first[m.additive ? `ts${i}` : `s${i}`]) }
            : {}),
          differing_groups: n(first[`n${i}`]) ?? 0,
        },
      ]),
    );
    const observed = {
      groups: n(first.n_groups) ?? 0,
      differing_groups: n(first.n_differing) ?? 0,
      missing_groups: n(first.n_missing) ?? 0,
      extra_groups: n(first.n_extra) ?? 0,
      aggregates,
    };
    const success = observed.differing_groups === 0;
    if (groups.length) details.group_by = groups;
    if (!success && limit > 0) {
      details.samples = rows
        .filter((r) => r.tp === null || r.sp === null || ms.some((_, i) => r[`d${i}`] === true))
        .map((r) => ({
          ...(groups.length ? { group: Object.fromEntries(groups.map((c, i) => [c, r[`g${i}`]])) } : {}),
          ...(r.tp === null ? { missing: true } : r.sp === null ? { extra: true } : {}),
          aggregates: Object.fromEntries(
            ms.flatMap((m, i) => (r[`d${i}`] ? [[m.name, { self: n(r[`t${i}`]), other: n(r[`s${i}`]) }]] : [])),
          ),
        }));
    }
    return aggregateResult(ctx, success, { observed_value: observed, details });
  },
};
export default def;
