// History through the library: validate() with `runs` records each run's metrics, judges the
// history-aware checks against the past, and historySeries() reads the series back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssayUsageError, defineConfig, historyAssets, historyMetrics, historySeries, parseSuite, validate } from '../../src/index.js';

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i, amount: (i % 7) * 10 }));

describe('validate({ runs }) keeps history; historySeries reads it', () => {
  it('records three days, flags the volume drop on the third, and returns the series', async () => {
    const runs = path.join(mkdtempSync(path.join(tmpdir(), 'assay-api-history-')), 'runs');
    const suite = await parseSuite(
      'name: orders-suite\nasset: orders\nexpectations:\n  - type: expect_table_row_count_to_be_within_history\n    kwargs: { method: relative_change, threshold: 0.3 }\n',
    );
    const day = (n: number, count: number) => validate(rows(count), suite, { runs, now: new Date(`2026-02-0${n}T06:00:00Z`) });
    expect((await day(1, 100)).success).toBe(true);
    expect((await day(2, 110)).success).toBe(true);
    const third = await day(3, 40);
    expect(third.success).toBe(false);
    expect(third.results[0]!.result.observed_value).toBe(40);

    expect((await historyAssets({ runs })).map((a) => [a.asset, a.runs])).toEqual([['orders', 3]]);
    expect((await historyMetrics('orders', { runs })).some((m) => m.metric === 'row_count')).toBe(true);
    const series = await historySeries('orders', { runs, metric: 'row_count' });
    expect(series.map((p) => p.value)).toEqual([100, 110, 40]);
    expect(series.map((p) => p.time)).toEqual(['2026-02-01T06:00:00Z', '2026-02-02T06:00:00Z', '2026-02-03T06:00:00Z']);
  });

  it('a runs folder without a store is a usage error naming it', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'assay-api-history-'));
    writeFileSync(path.join(dir, 'keep'), '');
    await expect(historySeries('orders', { runs: dir, metric: 'row_count' })).rejects.toBeInstanceOf(AssayUsageError);
  });

  it('defineConfig is exported from the package root and returns the config it is given', () => {
    const config = { runs: '.assay/runs', expectations: ['checks'] };
    expect(defineConfig(config)).toBe(config);
  });
});
