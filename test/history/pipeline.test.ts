import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readSeries, storeFile } from '../../src/history/store.js';
import { runsDir } from '../../src/pipeline/run-folder.js';
import { pipelineYaml, project, run, write } from '../pipeline/helpers.js';

const suite = `name: raw
expectations:
  - type: expect_table_row_count_to_be_within_history
    kwargs: {method: relative_change, threshold: 0.5}
  - type: expect_column_max_to_be_within
    kwargs: {column: created, max_age: {$PARAMETER: max_age}}
`;
const rows = (n: number) =>
  ['id,amount,created', ...Array.from({ length: n }, (_, i) => `${i},${i},2026-04-0${n > 3 ? 2 : 1}T00:00:00`)].join('\n');

describe('pipeline runs keep history', () => {
  it('each validation records under <pipeline>.<table> at the run clock, and judges against the runs before', async () => {
    const dir = project({
      'pipeline.yml': pipelineYaml({ target: '{type: duckdb, path: out/w.duckdb}' }),
      'suites/raw.yml': suite,
      'staging/a.csv': rows(10),
    });
    const first = await run(dir, { now: new Date('2026-04-02T06:00:00Z'), parameters: { max_age: '2d' } });
    expect(first.status).toBe('loaded');
    write(dir, { 'staging/b.csv': rows(2) });
    const second = await run(dir, { now: new Date('2026-04-03T06:00:00Z'), parameters: { max_age: '2d' } });
    expect(second.status).toBe('blocked');
    const store = storeFile(runsDir(path.join(dir, '.assay')));
    const series = await readSeries(store, { asset: 'orders.raw', metric: 'row_count', column: null });
    expect(series.map((p) => [p.time, p.value, p.flagged])).toEqual([
      ['2026-04-02T06:00:00Z', 10, false],
      ['2026-04-03T06:00:00Z', 2, true],
    ]);
    // A --limit trial reads a sample: it records nothing.
    write(dir, { 'staging/c.csv': rows(10) });
    await run(dir, { now: new Date('2026-04-04T06:00:00Z'), parameters: { max_age: '2d' }, limit: 5 });
    expect(await readSeries(store, { asset: 'orders.raw', metric: 'row_count' })).toHaveLength(2);
  }, 60_000);
});
