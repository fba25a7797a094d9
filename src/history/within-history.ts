// The anomaly expectations: a metric of this run judged against the band its own history
// gives (./anomaly.ts). The metric is planned into the fused scan exactly as the column profile
// spells it (./profile.ts), so recording the profile costs nothing more; the history comes
// from the metric store through ctx.history. The result carries the series, the points used
// and the band, so a report can draw why it failed.
import { aggregateResult } from '../engine/aggregate.js';
import type { Ctx, ExpectationDefinition, JsonSchema } from '../engine/types.js';
import { InvalidKwargsError } from '../errors.js';
import { checkAnomalyOptions, computeBand, METHODS, pointsNeeded, withinBand, type AnomalyOptions, type Band } from './anomaly.js';
import { metricSql, metricValue, PROFILE_METRICS, type ProfileMetric } from './profile.js';

export type WithinHistoryKwargs = Partial<AnomalyOptions> & { metric?: ProfileMetric; column?: string };

const anomalySchema: Record<string, JsonSchema> = {
  method: { enum: [...METHODS], description: 'How the band is computed from past values (default mad).' },
  window: { type: 'integer', minimum: 1, description: 'How many past runs the band is computed from.' },
  threshold: { type: 'number', minimum: 0, description: 'Width of the band: a fraction (relative_change) or a number of spreads.' },
  min_history: { type: 'integer', minimum: 0, description: 'Fewer usable past runs than this: pass with a note (cold start).' },
  season: { enum: ['day_of_week'], description: 'seasonal: compare with past runs on the same day of the week (UTC).' },
  exclude_anomalies: { type: 'boolean', description: 'Leave values an earlier check flagged out of the band (default true).' },
  min_spread: { type: 'number', minimum: 0, description: 'Smallest spread (z_score, mad, seasonal); default 1% of the center.' },
};

/** Points kept in a result for the report's chart. */
const SHOWN = 30;

export function withinHistory(spec: {
  type: string;
  description: string;
  metric?: ProfileMetric;
}): ExpectationDefinition<WithinHistoryKwargs> {
  const metricOf = (k: WithinHistoryKwargs) => (spec.metric ?? k.metric)!;
  const columnOf = (k: WithinHistoryKwargs) => (metricOf(k) === 'row_count' ? null : (k.column ?? null));
  const options = (k: WithinHistoryKwargs): AnomalyOptions => ({ ...k, method: k.method ?? 'mad' });
  const parts = (ctx: Ctx<WithinHistoryKwargs>) => {
    const metric = metricOf(ctx.kwargs);
    const column = columnOf(ctx.kwargs);
    if (metric !== 'row_count' && column === null) throw new InvalidKwargsError(`metric ${metric} is a column's: give column`);
    const sql = metricSql(ctx, metric, column);
    if (!sql) throw new InvalidKwargsError(`metric ${metric} does not apply to column ${column} of type ${ctx.typeOf(column!)}`);
    return sql;
  };
  return {
    type: spec.type,
    family: 'table',
    description: spec.description,
    schema: {
      properties: {
        ...(spec.metric ? {} : { metric: { enum: [...PROFILE_METRICS], description: 'The metric: row_count, or a column metric.' } }),
        ...(spec.metric === 'row_count' ? {} : { column: { type: 'string', minLength: 1, description: 'The column of a column metric.' } }),
        ...anomalySchema,
      },
      required: spec.metric ? [] : ['metric'],
    },
    sentence: (k) => {
      const metric = metricOf(k);
      const column = columnOf(k);
      return `${metric.replaceAll('_', ' ')}${column ? ` of ${column}` : ''} within its history (${k.method ?? 'mad'})`;
    },
    columns: (k) => (columnOf(k) ? [columnOf(k)!] : []),
    plan(ctx) {
      checkAnomalyOptions(options(ctx.kwargs));
      return parts(ctx);
    },
    async judge(ctx, m) {
      const metric = metricOf(ctx.kwargs);
      const column = columnOf(ctx.kwargs);
      const { value } = metricValue(metric, m);
      const o = options(ctx.kwargs);
      if (!ctx.history) {
        const note = 'no metric store: history is kept by `assay validate --runs <dir>` and by pipeline runs; passing';
        return aggregateResult(ctx, true, { observed_value: value, details: { history: { metric, column, method: o.method, note } } });
      }
      const points = await ctx.history.series(metric, column, { limit: pointsNeeded(o) });
      const band = clampBand(computeBand(points, o, ctx.now), metric);
      const used = new Set(band.used.map((p) => p.run_id));
      const history = {
        asset: ctx.history.asset,
        metric,
        column,
        method: band.method,
        window: band.window,
        threshold: band.threshold,
        min_history: band.min_history,
        ...(o.season ? { season: o.season } : {}),
        now: ctx.now.toISOString(),
        band: band.min === null ? null : { min: band.min, max: band.max },
        runs_used: band.used.length,
        center: band.center,
        spread: band.spread,
        ...(band.note ? { note: band.note } : {}),
        series: points
          .slice(-SHOWN)
          .map((p) => ({ run_id: p.run_id, time: p.time, value: p.value, used: used.has(p.run_id), flagged: p.flagged })),
      };
      return aggregateResult(ctx, withinBand(value, band), { observed_value: value, details: { history } });
    },
  };
}

/** Values a metric can take: a band reaching past them would show impossible values (a null fraction of -0.05). */
const DOMAIN: Partial<Record<ProfileMetric, [number, number]>> = {
  row_count: [0, Infinity],
  null_count: [0, Infinity],
  distinct_count: [0, Infinity],
  null_fraction: [0, 1],
};

function clampBand(band: Band, metric: ProfileMetric): Band {
  const domain = DOMAIN[metric];
  if (!domain || band.min === null || band.max === null) return band;
  return { ...band, min: Math.max(domain[0], band.min), max: Math.min(domain[1], band.max) };
}
