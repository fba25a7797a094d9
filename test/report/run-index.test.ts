import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildRunIndex, readRuns, runPaths, writeReports } from '../../src/report/index.js';
import { findHistory } from '../../src/report/run-index.js';
import { describer, type RunReport } from '../../src/report/run-report.js';
import { sampleReport, sampleSuite, withStats } from './fixtures.js';

const describe_ = describer();
const fresh = () => mkdtempSync(path.join(tmpdir(), 'assay-runs-'));

function runAt(id: string, start: string, mutate?: (r: RunReport) => void): RunReport {
  const r = sampleReport({ hostile: false, id, start });
  r.id = id;
  mutate?.(r);
  return r;
}

describe('runs folder', () => {
  it('has one layout: <runs>/<run-id>/run.json and report.html, with ids made safe for folders', () => {
    expect(runPaths('runs', '2026-03-01T10:00:00Z/orders')).toEqual({
      dir: path.join('runs', '2026-03-01T10_00_00Z_orders'),
      json: path.join('runs', '2026-03-01T10_00_00Z_orders', 'run.json'),
      html: path.join('runs', '2026-03-01T10_00_00Z_orders', 'report.html'),
      junit: path.join('runs', '2026-03-01T10_00_00Z_orders', 'junit.xml'),
      markdown: path.join('runs', '2026-03-01T10_00_00Z_orders', 'summary.md'),
    });
    expect(runPaths('runs', '../..').dir).toBe(path.join('runs', '__..'));
  });

  it('saves each run, links it to the previous run of its suite, and keeps the index current', async () => {
    const runs = fresh();
    const first = runAt('run-a', '2026-03-01T10:00:00.000Z', (r) => {
      const s = r.suites[0]!;
      s.results[3] = { ...s.results[3]!, success: true, result: { observed_value: 50 } };
      r.suites[0] = withStats(s);
    });
    const second = runAt('run-b', '2026-03-02T10:00:00.000Z');
    const w1 = await writeReports(first, { runsDir: runs, describe: describe_ });
    const w2 = await writeReports(second, { runsDir: runs, describe: describe_ });
    expect(w1.run!.dir).toBe(path.join(runs, 'run-a'));
    expect(JSON.parse(readFileSync(path.join(runs, 'run-a', 'run.json'), 'utf8'))).toMatchObject({
      id: 'run-a',
      gate: 'closed',
      fail_on: 'error',
      suites: [{ suite_name: 'orders' }],
    });
    expect(w2.index).toBe(path.join(runs, 'index.html'));

    const html1 = readFileSync(path.join(runs, 'run-a', 'report.html'), 'utf8');
    expect(html1).not.toContain('Previous run');
    expect(html1).toContain('href="../index.html"');
    const html2 = readFileSync(path.join(runs, 'run-b', 'report.html'), 'utf8');
    expect(html2).toContain('<a class="previous" href="../run-a/report.html">run-a</a>');
    expect(html2).toMatch(
      /passed<\/span> → <span class="badge failed">failed<\/span> <a href="#s1-e4"><code>expect_table_row_count_to_be_between<\/code><\/a>/,
    );

    const index = readFileSync(path.join(runs, 'index.html'), 'utf8');
    expect(index.indexOf('href="run-b/report.html"')).toBeGreaterThan(0);
    expect(index.indexOf('href="run-b/report.html"')).toBeLessThan(index.indexOf('href="run-a/report.html"'));
    const trend = index.match(/<svg class="chart sparkline"[\s\S]*?<\/svg>/)![0];
    expect(trend.match(/<circle /g)).toHaveLength(2);
    expect(trend).toContain('37.5%'); // run-a: 3 of 8 passed
    expect(trend).toContain('25%');
  });

  it('a report written elsewhere links into the runs folder relative to itself', async () => {
    const runs = fresh();
    await writeReports(runAt('run-a', '2026-03-01T10:00:00.000Z'), { runsDir: runs, describe: describe_ });
    const out = path.join(fresh(), 'ci', 'report.html');
    await writeReports(runAt('run-b', '2026-03-02T10:00:00.000Z'), { html: out, historyDir: runs, describe: describe_ });
    const href = path
      .relative(path.dirname(out), path.join(runs, 'run-a', 'report.html'))
      .split(path.sep)
      .join('/');
    expect(readFileSync(out, 'utf8')).toContain(`href="${href}"`);
    expect(existsSync(path.join(runs, 'run-b'))).toBe(false); // historyDir is only read
  });

  it('finds the previous run per suite in a multi-suite (pipeline) run', async () => {
    const runs = fresh();
    await writeReports(
      runAt('a', '2026-03-01T10:00:00.000Z', (r) => (r.suites[0]!.suite_name = 'orders')),
      { runsDir: runs, describe: describe_ },
    );
    await writeReports(
      runAt('b', '2026-03-02T10:00:00.000Z', (r) => (r.suites[0]!.suite_name = 'customers')),
      { runsDir: runs, describe: describe_ },
    );
    const pipeline = runAt('c', '2026-03-03T10:00:00.000Z', (r) => {
      r.suites = [{ ...sampleSuite({ hostile: false, name: 'orders' }) }, { ...sampleSuite({ hostile: false, name: 'customers' }) }];
    });
    const { runs: saved } = await readRuns(runs);
    const history = findHistory(saved, pipeline, path.join(runs, 'c'));
    expect(history.get('orders')?.run_id).toBe('a');
    expect(history.get('customers')?.run_id).toBe('b');
    expect(history.get('orders')?.href).toBe('../a/report.html');
    // A later run is never "previous".
    expect(findHistory(saved, runAt('z', '2026-02-01T00:00:00.000Z'), runs).size).toBe(0);
  });

  it('assay docs: renders missing reports of copied results, skips unreadable ones, lists newest first', async () => {
    const runs = fresh();
    await writeReports(runAt('older', '2026-03-01T10:00:00.000Z'), { runsDir: runs, describe: describe_ });
    mkdirSync(path.join(runs, 'copied'));
    writeFileSync(
      path.join(runs, 'copied', 'result.json'),
      JSON.stringify(sampleSuite({ hostile: false, id: 'copied', start: '2026-03-05T00:00:00.000Z' })),
    );
    mkdirSync(path.join(runs, 'broken'));
    writeFileSync(path.join(runs, 'broken', 'run.json'), '{"not": "a result"}');
    mkdirSync(path.join(runs, 'unrelated'));
    const res = await buildRunIndex(runs, { describe: describe_ });
    expect(res.runs).toBe(2);
    expect(res.rendered).toEqual([path.join(runs, 'copied', 'report.html')]);
    expect(res.skipped).toEqual([{ file: path.join(runs, 'broken', 'run.json'), reason: expect.stringContaining('not an Assay result') }]);
    const copied = readFileSync(path.join(runs, 'copied', 'report.html'), 'utf8');
    expect(copied).toContain('href="../older/report.html"');
    const index = readFileSync(res.file, 'utf8');
    expect(index.indexOf('copied/report.html')).toBeLessThan(index.indexOf('older/report.html'));
    expect(index).toContain('2 runs, newest first');
  });

  it('an empty runs folder still gets an index', async () => {
    const res = await buildRunIndex(fresh(), { describe: describe_ });
    expect(res.runs).toBe(0);
    expect(readFileSync(res.file, 'utf8')).toContain('No runs found.');
  });
});
