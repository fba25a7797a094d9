// The report commands as a CI job runs them: the built CLI (npm test builds it first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assay, ROOT } from '../cli/run-cli.js';

const ORDERS = path.join(ROOT, 'examples/orders/orders.csv');
const SUITE = `name: orders
expectations:
  - type: expect_table_row_count_to_be_between
    kwargs: {min_value: 1, max_value: 10}
  - type: expect_column_values_to_not_be_null
    kwargs: {column: order_id}
  - type: expect_column_values_to_be_between
    kwargs: {column: amount, min_value: 0, max_value: 500}
    severity: warning
  - type: expect_column_values_to_not_be_null
    kwargs: {column: no_such_column}
`;

function repo(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-ci-'));
  mkdirSync(path.join(dir, 'suites'));
  writeFileSync(path.join(dir, 'suites/orders.yml'), SUITE);
  return dir;
}

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('assay validate in GitHub Actions', () => {
  it('fails with annotations on the suite lines, a step summary and a JUnit file', () => {
    const dir = repo();
    const summary = path.join(dir, 'step-summary.md');
    writeFileSync(summary, '## Earlier step output\n\n');
    const r = assay(
      ['validate', ORDERS, '--suite', 'suites/orders.yml', '--junit', 'out/junit.xml', '--markdown', summary, '--html', 'out/report.html'],
      {
        cwd: dir,
        env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir, GITHUB_STEP_SUMMARY: summary },
      },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const annotations = r.stdout.split('\n').filter((l) => l.startsWith('::'));
    expect(annotations).toEqual([
      expect.stringMatching(
        /^::error file=suites\/orders.yml,line=3,col=5,title=orders%3A expect_table_row_count_to_be_between failed::row count between 1 and 10 — observed 200$/,
      ),
      expect.stringMatching(
        /^::error file=suites\/orders.yml,line=10,col=5,title=orders%3A expect_column_values_to_not_be_null raised an error::/,
      ),
      expect.stringMatching(
        /^::warning file=suites\/orders.yml,line=7,col=5,title=orders%3A expect_column_values_to_be_between failed::values of amount between 0 and 500 — 83 unexpected/,
      ),
    ]);
    const md = readFileSync(summary, 'utf8');
    expect(md.startsWith('## Earlier step output\n\n### ❌ Assay: orders — gate closed')).toBe(true);
    const xml = readFileSync(path.join(dir, 'out/junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(4);
    if (hasXmllint) {
      const v = spawnSync('xmllint', ['--noout', '--schema', path.join(ROOT, 'test/fixtures/junit.xsd'), path.join(dir, 'out/junit.xml')], {
        encoding: 'utf8',
      });
      expect(v.stderr).toContain('validates');
    }
    expect(readFileSync(path.join(dir, 'out/report.html'), 'utf8')).toContain('Gate closed');
    expect(r.stdout).toContain('HTML report: out/report.html');
  });

  it('prints no annotations outside GitHub Actions, and annotations even with --quiet inside', () => {
    const dir = repo();
    const outside = assay(['validate', ORDERS, '--suite', 'suites/orders.yml'], { cwd: dir, env: { GITHUB_ACTIONS: '' } });
    expect(outside.stdout).not.toMatch(/^::/m);
    const quiet = assay(['validate', ORDERS, '--suite', 'suites/orders.yml', '-q'], {
      cwd: dir,
      env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: dir },
    });
    expect(
      quiet.stdout
        .split('\n')
        .filter(Boolean)
        .every((l) => l.startsWith('::')),
    ).toBe(true);
    expect(quiet.stdout).toContain('::error file=suites/orders.yml,line=3');
  });
});

describe('assay report and assay docs', () => {
  it('renders any report from a saved JSON result', () => {
    const dir = repo();
    expect(
      assay(['validate', ORDERS, '--suite', 'suites/orders.yml', '--json', 'result.json', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: '' } })
        .code,
    ).toBe(1);
    const r = assay(['report', 'result.json', '--html', 'r/report.html', '--junit', 'r/junit.xml', '--markdown', 'r/summary.md'], {
      cwd: dir,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('wrote r/report.html\nwrote r/junit.xml\nwrote r/summary.md\n');
    expect(readFileSync(path.join(dir, 'r/report.html'), 'utf8')).toContain('row count between 1 and 10');
    expect(readFileSync(path.join(dir, 'r/summary.md'), 'utf8')).toContain('gate closed');
    // --fail-on warning: the warning becomes a failure too.
    assay(['report', 'result.json', '--junit', 'r/junit-w.xml', '--fail-on', 'warning'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'r/junit-w.xml'), 'utf8').match(/<failure /g)).toHaveLength(2);
  });

  it('says what is wrong with its input (exit 2)', () => {
    const dir = repo();
    writeFileSync(path.join(dir, 'x.json'), '{"a": 1}');
    writeFileSync(path.join(dir, 'bad.json'), '{');
    const none = assay(['report', 'x.json'], { cwd: dir });
    expect([none.code, none.stderr]).toEqual([2, expect.stringContaining('--html <file>, --junit <file> and/or --markdown <file>')]);
    const missing = assay(['report', 'nope.json', '--html', 'a.html'], { cwd: dir });
    expect([missing.code, missing.stderr]).toEqual([2, 'error: cannot read nope.json: no such file\n']);
    const notJson = assay(['report', 'bad.json', '--html', 'a.html'], { cwd: dir });
    expect([notJson.code, notJson.stderr]).toEqual([2, expect.stringContaining('bad.json is not JSON')]);
    const notResult = assay(['report', 'x.json', '--html', 'a.html'], { cwd: dir });
    expect([notResult.code, notResult.stderr]).toEqual([2, expect.stringContaining('x.json: not an Assay result')]);
    const noRuns = assay(['docs', 'no-runs-here'], { cwd: dir });
    expect([noRuns.code, noRuns.stderr]).toEqual([2, expect.stringContaining('no runs folder at no-runs-here')]);
  });

  it('validate --runs saves each run; assay docs builds the index', () => {
    const dir = repo();
    for (let i = 0; i < 2; i++)
      assay(['validate', ORDERS, '--suite', 'suites/orders.yml', '--runs', 'runs', '-q'], { cwd: dir, env: { GITHUB_ACTIONS: '' } });
    const r = assay(['docs', 'runs'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`2 runs\nwrote ${path.join('runs', 'index.html')}\n`);
    const index = readFileSync(path.join(dir, 'runs/index.html'), 'utf8');
    expect(index.match(/href="[^"#]+\/report.html"/g)).toHaveLength(2);
    const runDirs = index.match(/href="([^"#]+)\/report.html"/g)!.map((h) => h.slice(6, -13));
    // The newest run's report links to the one before.
    expect(readFileSync(path.join(dir, 'runs', runDirs[0]!, 'report.html'), 'utf8')).toContain(`href="../${runDirs[1]}/report.html"`);
    expect(existsSync(path.join(dir, 'runs', runDirs[1]!, 'run.json'))).toBe(true);
  });
});
