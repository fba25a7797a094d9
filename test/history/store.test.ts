import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyView, listAssets, readLastSchema, readSeries, recordRun, storeFile, type RunRecord } from '../../src/history/store.js';
import { ROOT } from '../cli/run-cli.js';

const fresh = () => storeFile(mkdtempSync(path.join(tmpdir(), 'assay-store-')));

const run = (id: string, day: number, rows: number, extra: Partial<RunRecord> = {}): RunRecord => ({
  runId: id,
  asset: 'orders',
  suite: 's',
  runTime: new Date(Date.UTC(2026, 0, day, 6)),
  success: true,
  dataSource: 'x.csv',
  metrics: [{ expectation: null, expectationIndex: null, column: null, metric: 'row_count', value: rows, text: null, flagged: false }],
  columns: [{ name: 'id', type: 'BIGINT' }],
  ...extra,
});

describe('metric store', () => {
  it('records runs and reads a series before a given instant, oldest first, without the current run', async () => {
    const file = fresh();
    expect(await readSeries(file, { asset: 'orders', metric: 'row_count' })).toEqual([]);
    await recordRun(file, run('b', 2, 20));
    await recordRun(file, run('a', 1, 10));
    await recordRun(file, run('c', 3, 30));
    await recordRun(file, run('c', 3, 31)); // recorded again: replaced, not doubled
    const all = await readSeries(file, { asset: 'orders', metric: 'row_count', column: null });
    expect(all.map((p) => [p.time, p.value])).toEqual([
      ['2026-01-01T06:00:00Z', 10],
      ['2026-01-02T06:00:00Z', 20],
      ['2026-01-03T06:00:00Z', 31],
    ]);
    const view = historyView(file, 'orders', new Date(Date.UTC(2026, 0, 3, 6)), 'c');
    expect((await view.series('row_count', null)).map((p) => p.value)).toEqual([10, 20]);
    expect((await view.series('row_count', null, { limit: 1 })).map((p) => p.value)).toEqual([20]);
    expect(await listAssets(file)).toEqual([{ asset: 'orders', runs: 3, first: '2026-01-01T06:00:00Z', last: '2026-01-03T06:00:00Z' }]);
  });

  it('the last schema is that of the last successful run', async () => {
    const file = fresh();
    await recordRun(
      file,
      run('a', 1, 10, {
        columns: [
          { name: 'id', type: 'BIGINT' },
          { name: 'x', type: 'DOUBLE' },
        ],
      }),
    );
    await recordRun(file, run('b', 2, 10, { success: false, columns: [{ name: 'id', type: 'VARCHAR' }] }));
    expect(await readLastSchema(file, 'orders', new Date(Date.UTC(2026, 0, 5)))).toEqual({
      run_id: 'a',
      time: '2026-01-01T06:00:00Z',
      columns: [
        { name: 'id', type: 'BIGINT' },
        { name: 'x', type: 'DOUBLE' },
      ],
    });
    expect(await readLastSchema(file, 'orders', new Date(Date.UTC(2026, 0, 1)))).toBeNull();
  });

  // A child process that records `n` runs of `rows` metric rows each into `file`.
  const writer = (file: string, tag: string, n: number, rows: number) => `
    import { recordRun } from ${JSON.stringify(path.join(ROOT, 'dist/src/history/store.js'))};
    for (let i = 0; i < ${n}; i++) {
      const metrics = Array.from({ length: ${rows} }, (_, j) => ({ expectation: null, expectationIndex: null, column: 'c' + j, metric: 'm', value: j, text: null, flagged: false }));
      await recordRun(${JSON.stringify(file)}, { runId: '${tag}-' + i, asset: 'a', suite: 's', runTime: new Date(Date.UTC(2026, 0, 1, 0, i)), success: true, dataSource: '', metrics, columns: [] });
      process.stdout.write('.');
    }`;

  it('several processes recording at once all land, each run whole', async () => {
    const file = fresh();
    const procs = ['p1', 'p2', 'p3', 'p4'].map(
      (tag) =>
        new Promise<number>((resolve) => {
          const p = spawn(process.execPath, ['--input-type=module', '-e', writer(file, tag, 5, 50)], { stdio: 'inherit' });
          p.on('exit', (code) => resolve(code ?? -1));
        }),
    );
    expect(await Promise.all(procs)).toEqual([0, 0, 0, 0]);
    const rows = await readSeries(file, { asset: 'a', metric: 'm' });
    expect(rows).toHaveLength(4 * 5 * 50);
    expect((await listAssets(file))[0]!.runs).toBe(20);
  }, 120_000);

  it('a run killed mid-write (kill -9) leaves the store readable and the runs before it intact', async () => {
    const file = fresh();
    await recordRun(file, run('before', 1, 10));
    const p = spawn(process.execPath, ['--input-type=module', '-e', writer(file, 'k', 1000, 2000)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // Kill it once it has written a few runs and is in the middle of more.
    await new Promise<void>((resolve) => p.stdout.on('data', (d: Buffer) => d.toString().length && resolve()));
    await new Promise((r) => setTimeout(r, 150));
    p.kill('SIGKILL');
    await new Promise((r) => p.on('exit', r));
    const written = (await listAssets(file)).find((a) => a.asset === 'a')!.runs;
    expect(written).toBeGreaterThan(0);
    // Whole runs only: every run that is there has all of its 2000 rows.
    expect(await readSeries(file, { asset: 'a', metric: 'm' })).toHaveLength(written * 2000);
    expect((await readSeries(file, { asset: 'orders', metric: 'row_count' })).map((x) => x.value)).toEqual([10]);
    // And it takes writes again.
    await recordRun(file, run('after', 2, 20));
    expect((await readSeries(file, { asset: 'orders', metric: 'row_count' })).map((x) => x.value)).toEqual([10, 20]);
  }, 120_000);
});
