import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assay, workdir } from '../cli/run-cli.js';

const csv = (rows: number, nullEvery = 0) =>
  ['id,amount', ...Array.from({ length: rows }, (_, i) => `${i},${nullEvery && i % nullEvery === 0 ? '' : (i % 7) * 10}`)].join('\n');

describe('assay validate --runs keeps history; assay history prints it', () => {
  it('records each run at its --now, judges the row count against it, and prints the series', () => {
    const dir = workdir({
      'suite.yml': [
        'name: orders-suite',
        'asset: orders',
        'expectations:',
        '  - type: expect_table_row_count_to_be_within_history',
        '    kwargs: { method: relative_change, threshold: 0.3 }',
      ].join('\n'),
      'd1.csv': csv(100),
      'd2.csv': csv(110),
      'd3.csv': csv(40),
    });
    const day = (n: number) =>
      assay(['validate', `d${n}.csv`, '-s', 'suite.yml', '--runs', 'runs', '--json', `r${n}.json`, '--now', `2026-02-0${n}T06:00:00Z`], {
        cwd: dir,
      });
    const first = day(1);
    expect(first.code, first.stderr).toBe(0);
    const cold = JSON.parse(readFileSync(path.join(dir, 'r1.json'), 'utf8')).results[0].result;
    expect(cold.details.history.note).toMatch(/cold start/);
    expect(day(2).code).toBe(0);
    const third = day(3);
    expect(third.code).toBe(1);
    const failed = JSON.parse(readFileSync(path.join(dir, 'r3.json'), 'utf8')).results[0].result;
    expect(failed.observed_value).toBe(40);
    expect(failed.details.history).toMatchObject({
      asset: 'orders',
      metric: 'row_count',
      method: 'relative_change',
      center: 110,
      band: { min: 77 },
    });
    expect(failed.details.history.band.max).toBeCloseTo(143);
    expect(failed.details.history.series.map((p: { value: number }) => p.value)).toEqual([100, 110]);

    // The report draws the series with its band and this run's point; the index, the asset's trend.
    const html = readFileSync(path.join(dir, third.stdout.match(/Run saved: (\S+)/)![1]!), 'utf8');
    expect(html).toMatch(/<svg class="chart series-chart"[^]*<circle class="dot current broke"/);
    expect(html).toMatch(/accepted band 77 – 143 \(relative_change, threshold 0.3, last 1 runs\)/);
    expect(readFileSync(path.join(dir, 'runs/index.html'), 'utf8')).toMatch(/<h2>Assets<\/h2>[^]*orders[^]*series-chart/);

    const assets = assay(['history', '--runs', 'runs'], { cwd: dir });
    expect(assets.stdout).toMatch(/orders\s+3\s+2026-02-01T06:00:00Z\s+2026-02-03T06:00:00Z/);
    const series = assay(['history', 'orders', '--runs', 'runs', '--metric', 'row_count', '--json'], { cwd: dir });
    expect(JSON.parse(series.stdout).map((p: { time: string; value: number; flagged: boolean }) => [p.time, p.value, p.flagged])).toEqual([
      ['2026-02-01T06:00:00Z', 100, false],
      ['2026-02-02T06:00:00Z', 110, false],
      ['2026-02-03T06:00:00Z', 40, true],
    ]);
    const mean = assay(['history', 'orders', '--runs', 'runs', '-m', 'mean', '-c', 'amount'], { cwd: dir });
    expect(mean.stdout.trim().split('\n')).toHaveLength(4);
    const unknown = assay(['history', 'nope', '--runs', 'runs'], { cwd: dir });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no history of asset "nope"/);
  });

  it('ASSAY_NOW fixes the clock; a bad --now is exit 2', () => {
    const dir = workdir({
      'suite.yml': 'name: s\nexpectations:\n  - type: expect_table_row_count_to_be_within_history\n',
      'd.csv': csv(5),
    });
    expect(assay(['validate', 'd.csv', '-s', 'suite.yml', '--runs', 'runs'], { cwd: dir, env: { ASSAY_NOW: '2030-01-01' } }).code).toBe(0);
    expect(assay(['history', '--runs', 'runs'], { cwd: dir }).stdout).toMatch(/^s\s+1\s+2030-01-01T00:00:00Z/m);
    const bad = assay(['validate', 'd.csv', '-s', 'suite.yml', '--now', 'yesterday'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--now: "yesterday" is not an ISO date/);
  });
});
