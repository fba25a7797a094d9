// `assay run` takes the config's runs folder and fail-on as `assay validate` does: a flag wins
// over the file, the file over the default (<state_dir>/runs, error).
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pipelineYaml, project } from '../pipeline/helpers.js';
import { assay } from './run-cli.js';

const SUITE_WARNS = `name: raw
expectations:
  - type: expect_column_values_to_be_between
    kwargs: {column: amount, min_value: 15}
    severity: warning
`;

describe('assay run and the config', () => {
  it("saves runs in the config's runs folder and closes the gate on its failOn; --runs and --fail-on win over it", () => {
    const dir = project({
      'assay.config.yaml': 'runs: reports\nfailOn: warning\n',
      'pipeline.yml': pipelineYaml(),
      'suites/raw.yml': SUITE_WARNS,
      'staging/a.csv': 'id,amount\n1,10\n2,20\n',
    });
    const blocked = assay(['run', 'pipeline.yml', '--json'], { cwd: dir });
    expect(blocked.code, blocked.stderr).toBe(1); // the warning closes the strict gate
    const first = JSON.parse(blocked.stdout);
    expect(first).toMatchObject({ status: 'blocked', fail_on: 'warning' });
    expect(path.dirname(first.run_dir)).toBe(path.join(dir, 'reports'));
    expect(existsSync(path.join(dir, 'reports/index.html'))).toBe(true);
    expect(existsSync(path.join(dir, 'reports/history.duckdb'))).toBe(true);
    expect(existsSync(path.join(dir, '.assay/runs'))).toBe(false);

    const loaded = assay(['run', 'pipeline.yml', '--json', '--fail-on', 'error', '--runs', 'elsewhere'], { cwd: dir });
    expect(loaded.code, loaded.stderr).toBe(0);
    const second = JSON.parse(loaded.stdout);
    expect(second).toMatchObject({ status: 'loaded', fail_on: 'error' });
    expect(path.dirname(second.run_dir)).toBe(path.join(dir, 'elsewhere'));
    expect(readdirSync(path.join(dir, 'reports')).filter((f) => f.startsWith('orders-'))).toHaveLength(1);
  });

  it('without a config, runs go to <state_dir>/runs and the gate closes on errors only', () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_WARNS, 'staging/a.csv': 'id,amount\n1,10\n' });
    const r = assay(['run', 'pipeline.yml', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const run = JSON.parse(r.stdout);
    expect(run).toMatchObject({ status: 'loaded', fail_on: 'error' });
    expect(path.dirname(run.run_dir)).toBe(path.join(dir, '.assay/runs'));
  });
});
