// The history-aware types on PostgreSQL data, validated where the data lives: `assay validate
// postgres --runs` day after day, and a pipeline (the API's runPipeline) validating a PostgreSQL
// table in place, with incidents injected on chosen days. What differs from DuckDB is what this
// proves: numeric and bigint values read as text by the driver, extract(epoch) on TIMESTAMP
// and TIMESTAMPTZ, a TIMESTAMP in a named zone, and PostgreSQL's own type names for drift.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/index.js';
import { readSeries, storeFile } from '../../src/history/store.js';
import { runsDir } from '../../src/pipeline/run-folder.js';
import { expectValidResult } from '../helpers/result-schema.js';
import { postgresUrl } from '../helpers/services.js';
import { assay, workdir } from '../cli/run-cli.js';

const url = await postgresUrl(import.meta.url);
const SCHEMA = `assay_hist_${process.pid}`;

interface Day {
  rows: number;
  /** One email in nullEvery is null. */
  nullEvery: number;
  /** Added to every amount. */
  shift: number;
  /** The newest row is this many hours before the clock (created_at), or half an hour less (loaded_at). */
  staleHours: number;
  /** The name of the `note` column. */
  note: string;
}

const NORMAL: Day = { rows: 100, nullEvery: 20, shift: 0, staleHours: 1, note: 'note' };

/** The day's table: created_at a TIMESTAMPTZ, loaded_at a TIMESTAMP holding Paris wall-clock time. */
async function load(admin: pg.Client, table: string, now: Date, d: Day): Promise<void> {
  const newest = new Date(now.getTime() - d.staleHours * 3_600_000);
  // Paris is UTC+1 in March (summer time starts on the 29th): wall time is an hour ahead, and
  // loaded_at is half an hour fresher than created_at.
  const paris = new Date(newest.getTime() + 3_600_000 + 1_800_000).toISOString().replace('T', ' ').replace('Z', '');
  await admin.query(`DROP TABLE IF EXISTS ${SCHEMA}.${table};
    CREATE TABLE ${SCHEMA}.${table} (id BIGINT, amount NUMERIC(10,2), email TEXT, ${d.note} TEXT, created_at TIMESTAMPTZ, loaded_at TIMESTAMP);
    INSERT INTO ${SCHEMA}.${table}
      SELECT i, 10 + i % 10 + ${d.shift}, CASE WHEN i % ${d.nullEvery} = 0 THEN NULL ELSE 'u' || i || '@x.com' END, 'n',
             TIMESTAMPTZ '${newest.toISOString()}' - (i % 5) * INTERVAL '1 hour', TIMESTAMP '${paris}' - (i % 5) * INTERVAL '1 hour'
        FROM generate_series(1, ${d.rows + (now.getUTCDate() % 3)}) AS s(i);`);
}

const SUITE = `name: orders
asset: orders
expectations:
  - type: expect_table_row_count_to_be_within_history
    kwargs: {method: relative_change, threshold: 0.3}
  - type: expect_metric_to_be_within_history
    kwargs: {metric: null_fraction, column: email, method: mad, threshold: 5, min_history: 3, min_spread: 0.02}
  - type: expect_metric_to_be_within_history
    kwargs: {metric: mean, column: amount, method: z_score, threshold: 4, min_history: 3}
  - type: expect_column_max_to_be_within
    kwargs: {column: created_at, max_age: 6h}
  - type: expect_column_max_to_be_within
    kwargs: {column: loaded_at, max_age: 6h, timezone: Europe/Paris}
  - type: expect_table_schema_to_match_previous
`;

const at = (day: number) => new Date(Date.UTC(2026, 2, day, 9));

describe.skipIf(!url)('history-aware types on PostgreSQL', () => {
  let admin: pg.Client;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
  });
  afterAll(async () => {
    await admin?.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin?.end();
  });

  it('assay validate postgres --runs: seven days, a volume drop and null spike on day 6, a stale, shifted, renamed delivery on day 7', async () => {
    const dir = workdir({ 's.yml': SUITE });
    const days: Day[] = [
      NORMAL,
      NORMAL,
      NORMAL,
      NORMAL,
      NORMAL,
      { ...NORMAL, rows: 40, nullEvery: 2 },
      { ...NORMAL, shift: 50, staleHours: 30, note: 'remark' },
    ];
    const results: any[] = [];
    const outputs: string[] = [];
    for (const [i, d] of days.entries()) {
      const now = at(i + 1);
      await load(admin, 'orders', now, d);
      const json = path.join(dir, `r${i + 1}.json`);
      const r = assay(
        [
          'validate',
          'postgres',
          '--table',
          `${SCHEMA}.orders`,
          '--suite',
          's.yml',
          '--runs',
          'runs',
          '--now',
          now.toISOString(),
          '--json',
          json,
        ],
        { cwd: dir },
      );
      expect(r.code, `day ${i + 1}: ${r.stderr}`).toBe(i < 5 ? 0 : 1);
      const result = JSON.parse(readFileSync(json, 'utf8'));
      expectValidResult(result);
      expect(result.run.engine.name).toBe('postgres');
      results.push(result);
      outputs.push(r.stdout);
    }
    const failed = (day: number) =>
      results[day - 1].results.flatMap((r: any, i: number) =>
        r.success ? [] : [`${i}:${r.exception_info.raised_exception ? 'error' : 'failed'}`],
      );
    expect(failed(5)).toEqual([]);
    expect(failed(6)).toEqual(['0:failed', '1:failed']);
    expect(failed(7)).toEqual(['2:failed', '3:failed', '4:failed', '5:failed']);

    const [rowCount, nulls] = results[5].results;
    expect(rowCount.result.observed_value).toBe(40);
    expect(nulls.result.observed_value).toBe(0.5);
    // median 5/101 ± 5 × 0.02 (min_spread), clamped at 0: a fraction is never negative.
    expect(nulls.result.details.history.band.min).toBe(0);
    expect(nulls.result.details.history.band.max).toBeCloseTo(5 / 101 + 0.1, 9);
    // The freshness checks on day 5: a TIMESTAMPTZ is an instant; a TIMESTAMP read in Paris time.
    const day5 = results[4].results;
    expect(day5[3].result.details.age_seconds).toBe(3600);
    expect(day5[4].result.details.age_seconds).toBe(1800);
    expect(day5[3].result.observed_value).toBe('2026-03-05T08:00:00+00:00');
    expect(day5[4].result.observed_value).toBe('2026-03-05T09:30:00');

    const d7 = results[6].results;
    expect(d7[3].result.details.age_seconds).toBe(30 * 3600);
    expect(d7[3].result.details.series.map((p: any) => p.age_seconds)).toEqual([3600, 3600, 3600, 3600, 3600, 3600]);
    expect(d7[4].result.details.age_seconds).toBe(30 * 3600 - 1800);
    expect(d7[5].result.details.changes).toEqual([
      { change: 'removed', column: 'note', from: 'TEXT', renamed: 'remark' },
      { change: 'added', column: 'remark', to: 'TEXT', renamed: 'note' },
    ]);
    // The terminal says it in the one wording.
    expect(outputs[5]).toContain('row count 40 outside the accepted band 71.4–132.6 (relative_change, ±30% of the previous run)');
    expect(outputs[5]).toContain('null fraction of email 0.5 outside the accepted band');
    expect(outputs[6]).toMatch(/newest created_at 2026-03-06T03:00:00\+00:00 is 1d 6h old, older than max_age 6h/);
    expect(outputs[6]).toMatch(/mean of amount \d+(\.\d+)? outside the accepted band/);

    // The store holds the series, day 6 flagged (and left out of day 7's bands).
    const series = await readSeries(storeFile(path.join(dir, 'runs')), { asset: 'orders', metric: 'row_count', column: null });
    expect(series.map((p) => [p.value, p.flagged])).toEqual([
      [101, false],
      [102, false],
      [100, false],
      [101, false],
      [102, false],
      [40, true],
      [101, false],
    ]);
    const history = assay(['history', 'orders', '--runs', 'runs', '-m', 'max', '-c', 'created_at', '--json'], { cwd: dir });
    expect(history.code, history.stderr).toBe(0);
    expect(JSON.parse(history.stdout)).toHaveLength(7);
  }, 180_000);

  it('runPipeline validating a PostgreSQL table in place keeps history; params give max_age; the volume drop and stale day block', async () => {
    const dir = workdir({
      'pipeline.yml': `name: pg_orders
params:
  max_age: 6h
sources:
  orders:
    postgres: {url_env: DATABASE_URL}
    table: ${SCHEMA}.deliveries
steps:
  - validate: {source: orders, suite: suite.yml}
`,
      'suite.yml': `name: deliveries
expectations:
  - type: expect_table_row_count_to_be_within_history
    kwargs: {method: mad, threshold: 5, min_history: 3}
  - type: expect_column_max_to_be_within
    kwargs: {column: created_at, max_age: {$PARAMETER: max_age}}
  - type: expect_table_schema_to_match_previous
`,
    });
    const statuses: string[] = [];
    for (let day = 1; day <= 5; day++) {
      const now = at(day);
      await load(admin, 'deliveries', now, day === 5 ? { ...NORMAL, rows: 30, staleHours: 12 } : NORMAL);
      const outcome = await runPipeline(path.join(dir, 'pipeline.yml'), { now, logLevel: 'silent' });
      if (outcome.status === 'error') throw outcome.error;
      statuses.push(outcome.status);
      if (day === 5) {
        const [count, fresh, drift] = outcome.run.suites[0]!.results;
        expect(count!.success).toBe(false);
        expect(fresh!.success).toBe(false);
        expect(fresh!.result.details).toMatchObject({ max_age_seconds: 6 * 3600, age_seconds: 12 * 3600 });
        expect(drift!.success).toBe(true);
        expect(outcome.run.parameters).toEqual({ max_age: { value: '6h', from: 'pipeline.yml:3' } });
      }
    }
    expect(statuses).toEqual(['validated', 'validated', 'validated', 'validated', 'blocked']);
    const series = await readSeries(storeFile(runsDir(path.join(dir, '.assay'))), {
      asset: 'pg_orders.orders',
      metric: 'row_count',
      column: null,
    });
    expect(series.map((p) => p.value)).toEqual([101, 102, 100, 101, 32]);
  }, 180_000);
});
