// Freshness: the newest value of a date/time column is at most `max_age` older than the run's
// clock (ctx.now: --now, ASSAY_NOW, or the start of the run). A TIMESTAMP without time zone is
// read as UTC unless `timezone` names its zone; a DATE counts from its midnight. With a metric
// store, the result also carries the newest value's age at each recent run (details.series).
import { aggregateResult, isoText } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';
import { DURATION_PATTERN, formatDuration, parseDuration } from '../src/history/duration.js';
import { kindOf, metricSql, metricValue } from '../src/history/profile.js';
import { checkTimeZone, wallToInstant } from '../src/history/timezone.js';

type K = { column: string; max_age: string | number; timezone?: string };

/** Earlier runs kept in a result for the report's chart. */
const SHOWN = 30;

const def: ExpectationDefinition<K> = {
  type: 'expect_column_max_to_be_within',
  family: 'column_aggregate',
  description: "The newest value of a date/time column is no older than max_age at the run's clock (freshness).",
  schema: {
    properties: {
      max_age: {
        anyOf: [
          { type: 'string', pattern: DURATION_PATTERN },
          { type: 'number', minimum: 0 },
        ],
        description: 'Oldest acceptable age of the newest value: 30m, 24h, 7d, 1d12h (units s, m, h, d, w), or seconds.',
      },
      timezone: { type: 'string', description: 'Zone of values without one (TIMESTAMP, DATE): an IANA name; default UTC.' },
    },
    required: ['max_age'],
  },
  sentence: (k) => `newest ${k.column} at most ${typeof k.max_age === 'number' ? formatDuration(k.max_age) : k.max_age} old`,
  columns: (k) => [k.column],
  plan(ctx) {
    parseDuration(ctx.kwargs.max_age, 'max_age');
    if (ctx.kwargs.timezone) checkTimeZone(ctx.kwargs.timezone);
    if (kindOf(ctx, ctx.kwargs.column) !== 'temporal') {
      throw new InvalidKwargsError(
        `column ${JSON.stringify(ctx.kwargs.column)} is ${ctx.typeOf(ctx.kwargs.column)}, not a date or timestamp`,
      );
    }
    return metricSql(ctx, 'max', ctx.kwargs.column)!;
  },
  async judge(ctx, m) {
    const k = ctx.kwargs;
    const maxAge = parseDuration(k.max_age, 'max_age');
    const { value, text } = metricValue('max', m);
    const zoned = /TIME ZONE|TIMESTAMPTZ/i.test(ctx.typeOf(k.column));
    // The column's max as the profile records it (epoch seconds of the value as written) → an instant.
    const instant = (seconds: number) => (zoned ? seconds * 1000 : wallToInstant(seconds * 1000, k.timezone ?? 'UTC'));
    // The age of the newest value at each earlier run, for the report's chart: the store keeps
    // the column's max with every run, so the past needs no query of the data.
    const past = ctx.history ? await ctx.history.series('max', k.column, { limit: SHOWN }) : [];
    const series = past.flatMap((p) => {
      if (p.value === null) return [];
      const at = instant(p.value);
      const age = (Date.parse(p.time) - at) / 1000;
      return [{ run_id: p.run_id, time: p.time, newest: new Date(at).toISOString(), age_seconds: age, late: age > maxAge }];
    });
    const details = {
      now: ctx.now.toISOString(),
      max_age_seconds: maxAge,
      timezone: k.timezone ?? 'UTC',
      ...(series.length ? { series } : {}),
    };
    if (value === null)
      return aggregateResult(ctx, false, { observed_value: null, details: { ...details, note: 'the column has no values' } });
    const newest = instant(value);
    const age = (ctx.now.getTime() - newest) / 1000;
    return aggregateResult(ctx, age <= maxAge, {
      observed_value: isoText(text),
      details: { ...details, newest: new Date(newest).toISOString(), age_seconds: age, age: formatDuration(age) },
    });
  },
};
export default def;
