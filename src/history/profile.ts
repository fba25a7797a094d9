// The column profile recorded with every run that keeps history: the table's row count and, per
// column, null count and fraction, distinct count, min, max and mean. They are planned as
// metrics of the validation's fused scan (no second pass over the data), spelled exactly as a
// history-aware expectation spells the same metric, so the engine computes each one once.
import type { Ctx, Row, Sql } from '../engine/types.js';

/** The metrics a history-aware check can name. `row_count` is the table's; the rest a column's. */
export const PROFILE_METRICS = ['row_count', 'null_count', 'null_fraction', 'distinct_count', 'min', 'max', 'mean'] as const;
export type ProfileMetric = (typeof PROFILE_METRICS)[number];

export type ColumnKind = 'numeric' | 'temporal' | 'boolean' | 'other';

export function kindOf(ctx: Ctx, column: string): ColumnKind {
  const type = ctx.typeOf(column);
  const d = ctx.dialect;
  return d.isNumericType(type)
    ? 'numeric'
    : d.isTemporalType(type) && !/^(TIME|INTERVAL|TIMETZ)\b/i.test(type)
      ? 'temporal'
      : d.isBooleanType(type)
        ? 'boolean'
        : 'other';
}

/**
 * The SQL of the aggregates behind one metric of a column (or of the table: column null):
 * `row_count` and `nonnull` for null counts and fractions, `value` (a number) and, for
 * temporal min/max, `text`. Null when the metric does not apply to the column's type.
 */
export function metricSql(ctx: Ctx, metric: ProfileMetric, column: string | null): Record<string, Sql> | null {
  if (metric === 'row_count') return { row_count: ctx.count() };
  if (column === null) return null;
  const c = ctx.col(column);
  const kind = kindOf(ctx, column);
  switch (metric) {
    case 'null_count':
    case 'null_fraction':
      return { row_count: ctx.count(), nonnull: ctx.agg({ fn: 'count', arg: c }) };
    case 'distinct_count':
      // Approximate where the engine has a cheap sketch (DuckDB's HyperLogLog keeps the profile of
      // a wide table to one cheap scan); elsewhere exact.
      return { value: ctx.agg({ fn: 'approx_count_distinct', arg: c }) };
    case 'min':
    case 'max':
      if (kind === 'numeric') return { value: ctx.dialect.castDouble(ctx.agg({ fn: metric, arg: c })) };
      // Seconds since the epoch, so temporal min and max have a history too.
      if (kind === 'temporal')
        return {
          value: ctx.dialect.epochSeconds(ctx.agg({ fn: metric, arg: c })),
          text: ctx.dialect.castText(ctx.agg({ fn: metric, arg: c })),
        };
      return null;
    case 'mean':
      return kind === 'numeric' ? { value: ctx.agg({ fn: 'avg', arg: ctx.dialect.castDouble(c) }) } : null;
  }
}

/** A metric's value from its aggregates' values (as metricSql named them). */
export function metricValue(metric: ProfileMetric, m: Row): { value: number | null; text: string | null } {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  if (metric === 'row_count') return { value: num(m.row_count), text: null };
  if (metric === 'null_count' || metric === 'null_fraction') {
    const rows = num(m.row_count) ?? 0;
    const nulls = rows - (num(m.nonnull) ?? 0);
    return { value: metric === 'null_count' ? nulls : rows > 0 ? nulls / rows : null, text: null };
  }
  return { value: num(m.value), text: m.text === null || m.text === undefined ? null : String(m.text) };
}

/** Which metrics the profile records for a column. */
const COLUMN_METRICS: ProfileMetric[] = ['null_count', 'null_fraction', 'distinct_count', 'min', 'max', 'mean'];

export interface ProfileValue {
  column: string | null;
  metric: ProfileMetric;
  value: number | null;
  text: string | null;
}

/** The profile's aggregates for the fused scan, keyed `metric|column|part`, and how to read them back. */
export function planProfile(ctx: Ctx): { sql: Record<string, Sql>; read(values: Row): ProfileValue[] } {
  const wanted: { column: string | null; metric: ProfileMetric; parts: Record<string, Sql> }[] = [
    { column: null, metric: 'row_count', parts: metricSql(ctx, 'row_count', null)! },
  ];
  for (const col of ctx.columns) {
    for (const metric of COLUMN_METRICS) {
      const parts = metricSql(ctx, metric, col.name);
      if (parts) wanted.push({ column: col.name, metric, parts });
    }
  }
  const sql: Record<string, Sql> = {};
  const key = (w: (typeof wanted)[number], part: string) => JSON.stringify([w.metric, w.column, part]);
  for (const w of wanted) for (const [part, s] of Object.entries(w.parts)) sql[key(w, part)] = s;
  return {
    sql,
    read: (values) =>
      wanted.map((w) => {
        const m: Row = {};
        for (const part of Object.keys(w.parts)) m[part] = values[key(w, part)];
        return { column: w.column, metric: w.metric, ...metricValue(w.metric, m) };
      }),
  };
}
