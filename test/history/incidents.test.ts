// The done-when test of the metric history: 60 daily batches from a seeded generator, six of
// them with an incident (a volume drop, a null spike, a mean shift, a stale delivery, a renamed
// column, a doubled delivery), each validated at its own clock (the next morning) with the
// history of the days before it. Every incident must be flagged on its day, by the check meant
// for it, and at most one clean day may raise a false alarm. Precision and recall are printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openConnection } from '../../src/connections/index.js';
import type { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { Suite } from '../../src/engine/types.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import { keepHistory } from '../../src/history/record.js';
import { storeFile } from '../../src/history/store.js';

/** mulberry32: a small seeded generator, so every run of the test sees the same 60 days. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { normal };
}

type Incident = 'volume_drop' | 'null_spike' | 'mean_shift' | 'stale' | 'renamed_column' | 'doubled';
const INCIDENTS: Record<number, Incident> = {
  24: 'null_spike',
  29: 'volume_drop',
  35: 'mean_shift',
  41: 'stale',
  47: 'renamed_column',
  54: 'doubled',
};
/** The check meant to catch each incident (index in the suite). */
const CATCHES: Record<Incident, number> = { volume_drop: 0, doubled: 0, null_spike: 1, mean_shift: 2, stale: 3, renamed_column: 4 };

const START = Date.UTC(2026, 0, 5); // a Monday
const DAY = 86_400_000;

/**
 * One day's batch as SQL: orders of that day, fewer at weekends. The day's size comes from the
 * seeded generator; each row's values from a hash of (seed, day, row), so DuckDB writes the
 * rows itself and the same seed gives the same rows.
 */
function batch(day: number, r: ReturnType<typeof rng>, seed: number): string {
  const incident = INCIDENTS[day];
  const weekday = new Date(START + day * DAY).getUTCDay();
  let rows = Math.round((weekday === 0 || weekday === 6 ? 600 : 1000) * (1 + 0.015 * r.normal()));
  if (incident === 'volume_drop') rows = Math.round(rows * 0.45);
  const nullRate = incident === 'null_spike' ? 0.3 : 0.01;
  const mean = incident === 'mean_shift' ? 58 : 50;
  const dayStart = new Date(START + (incident === 'stale' ? day - 3 : day) * DAY).toISOString().slice(0, 10);
  const u = (k: number) => `((hash(${seed}, ${day}, i, ${k}) % 1000003) + 0.5) / 1000003.0`;
  const normal = `sqrt(-2 * ln(${u(1)})) * cos(2 * pi() * ${u(2)})`;
  const emailColumn = incident === 'renamed_column' ? 'e_mail' : 'email';
  const body = `SELECT ${day * 100_000} + i AS order_id,
      CASE WHEN ${u(3)} < ${nullRate} THEN NULL ELSE 'c' || CAST(floor(${u(4)} * 5000) AS INTEGER) || '@x.com' END AS ${emailColumn},
      round(${mean} + 10 * ${normal}, 2) AS amount,
      TIMESTAMP '${dayStart}' + to_milliseconds(CAST(floor(i * ${DAY} / ${rows}) AS BIGINT)) AS created_at
    FROM range(${rows}) t(i)`;
  return `CREATE OR REPLACE TABLE batch AS ${incident === 'doubled' ? `${body} UNION ALL ${body}` : body}`;
}

const suite: Suite = {
  name: 'orders daily',
  asset: 'orders',
  expectations: [
    {
      type: 'expect_table_row_count_to_be_within_history',
      kwargs: { method: 'seasonal', season: 'day_of_week', threshold: 5, min_history: 2 },
      severity: 'error',
    },
    {
      type: 'expect_metric_to_be_within_history',
      kwargs: { metric: 'null_fraction', column: 'email', method: 'mad', threshold: 5, min_spread: 0.005 },
      severity: 'error',
    },
    {
      type: 'expect_metric_to_be_within_history',
      kwargs: { metric: 'mean', column: 'amount', method: 'z_score', threshold: 4, window: 21 },
      severity: 'error',
    },
    { type: 'expect_column_max_to_be_within', kwargs: { column: 'created_at', max_age: '30h' }, severity: 'error' },
    { type: 'expect_table_schema_to_match_previous', kwargs: {}, severity: 'error' },
  ],
};

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openConnection({ kind: 'duckdb' });
});
afterAll(() => conn.close());

describe('60 days of history with injected incidents', () => {
  it('flags every incident on its day, with at most one false alarm', async () => {
    const catalogue = await loadCatalogue();
    const store = storeFile(mkdtempSync(path.join(tmpdir(), 'assay-incidents-')));
    const seed = 20260105;
    const r = rng(seed);
    const flaggedDays: number[] = [];
    const caughtBy: Record<number, boolean[]> = {};
    for (let day = 0; day < 60; day++) {
      await conn.exec(batch(day, r, seed));
      // Each batch is validated the next morning at 06:00 UTC.
      const now = new Date(START + (day + 1) * DAY + 6 * 3_600_000);
      const history = keepHistory({ store, asset: 'orders', now, runId: `day-${String(day).padStart(2, '0')}` });
      const result = await validate(conn, 'batch', suite, { ...history.options, catalogue });
      await history.record(result);
      if (!result.success) flaggedDays.push(day);
      caughtBy[day] = result.results.map((x) => !x.success);
    }
    const incidentDays = Object.keys(INCIDENTS).map(Number);
    const truePositives = flaggedDays.filter((d) => incidentDays.includes(d));
    const falseAlarms = flaggedDays.filter((d) => !incidentDays.includes(d));
    const precision = truePositives.length / flaggedDays.length;
    const recall = truePositives.length / incidentDays.length;
    console.log(
      `incidents: ${incidentDays.length}, flagged days: ${flaggedDays.join(', ')}; ` +
        `false alarms: ${falseAlarms.length ? falseAlarms.join(', ') : 'none'}; precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
    );
    for (const [day, incident] of Object.entries(INCIDENTS)) {
      expect(caughtBy[Number(day)]![CATCHES[incident]], `${incident} on day ${day} caught by check ${CATCHES[incident]}`).toBe(true);
    }
    expect(recall).toBe(1);
    expect(falseAlarms.length).toBeLessThanOrEqual(1);
  }, 300_000);
});
