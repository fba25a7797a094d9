// `assay init`, `assay run` and `assay runs` as a user types them (the built CLI).
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assay } from '../cli/run-cli.js';
import { pipelineYaml, project, SUITE_OK } from './helpers.js';

describe('assay init, run, runs', () => {
  it('init scaffolds a project that runs: it loads, finds nothing new, then blocks a bad delivery', () => {
    const dir = path.join(mkdtempSync(path.join(tmpdir(), 'assay-init-')), 'shop');
    const init = assay(['init', dir]);
    expect(init.code).toBe(0);
    expect(init.stdout).toMatch(/Created \d+ files/);
    for (const f of ['pipeline.yml', '.env.example', 'suites/raw_orders.yml', 'transforms/orders.sql', 'staging/customers.csv'])
      expect(init.stdout).toContain(f);

    const file = path.join(dir, 'pipeline.yml');
    const first = assay(['run', file]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/Gate OPEN \(strict\)\nLoaded 50 rows into .*warehouse\.duckdb \(DuckDB\) table orders \(upsert\)\./);

    const again = assay(['run', file]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/Nothing new: every staged file was loaded by an earlier run/);

    copyFileSync(path.join(dir, 'deliveries/orders-2026-03-03.csv'), path.join(dir, 'staging/orders/orders-2026-03-03.csv'));
    const bad = assay(['run', file]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/Gate CLOSED \(strict\):/);
    expect(bad.stdout).toMatch(/Nothing was loaded\./);

    const runs = assay(['runs'], { cwd: dir });
    expect(runs.code).toBe(0);
    const lines = runs.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^run\s+status\s+gate\s+started \(UTC\)\s+took\s+rows\s+note$/);
    expect(lines.slice(1).map((l) => l.split(/\s+/)[1])).toEqual(['blocked', 'nothing_new', 'loaded']);
    const json = JSON.parse(assay(['runs', file, '--json', '-n', '1']).stdout);
    expect(json).toMatchObject([{ pipeline: 'orders_daily', status: 'blocked', gate: 'closed', exit_code: 1 }]);

    const twice = assay(['init', dir]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/already has .*pipeline\.yml.*--force/);
  });

  it('an invalid pipeline exits 2 naming file and line; --json prints the run result', () => {
    const dir = project({
      'pipeline.yml': 'name: p\nsources:\n  f: {path: a.csv}\nsteps:\n  - extract: {table: t, sql: "SELECT * FROM f"}\ngate: sometimes\n',
    });
    const r = assay(['run', path.join(dir, 'pipeline.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pipeline\.yml:6:\d+: key gate must be one of strict, quarantine, warn \(got "sometimes"\)/);

    const ok = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': 'id,amount\n1,2\n' });
    const j = assay(['run', path.join(ok, 'pipeline.yml'), '--json', '--dry-run']);
    expect(j.code).toBe(0);
    expect(JSON.parse(j.stdout)).toMatchObject({ status: 'validated', options: { dry_run: true }, gate: 'open' });
  });

  it('--schedule runs on a cron expression, never two at once, until --max-runs', () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': 'id,amount\n1,2\n' });
    const r = assay(['run', path.join(dir, 'pipeline.yml'), '--schedule', '* * * * * *', '--max-runs', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Scheduled .* on "\* \* \* \* \* \*"; first run /);
    expect(r.stdout.match(/^Pipeline orders, run /gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/Loaded 1 rows/);
    expect(r.stdout).toMatch(/Nothing new/);

    const bad = assay(['run', path.join(dir, 'pipeline.yml'), '--schedule', 'every tuesday']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--schedule: invalid cron expression "every tuesday"/);
  });

  it('npm run demo: one pipeline run loads, one is blocked, and it says where everything went', () => {
    const out = mkdtempSync(path.join(tmpdir(), 'assay-demo-'));
    const r = assay(['demo', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /Pipeline run 1:[^]*Gate OPEN \(strict\)\nLoaded 50 rows[^]*Pipeline run 2:[^]*Gate CLOSED \(strict\)[^]*Nothing was loaded\./,
    );
    expect(r.stdout).toContain(`warehouse (DuckDB):  ${path.join(out, 'pipeline/warehouse.duckdb')}`);
  });
});
