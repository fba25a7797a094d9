// A pipeline's `params:`: evaluation parameters for all its suites, overridden by the run's own
// (--param, runPipeline's parameters), checked at their line, recorded in the run's result.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/api/pipeline.js';
import { AssayPipelineError } from '../../src/errors.js';
import { assay } from '../cli/run-cli.js';
import { attempt, project, run } from '../pipeline/helpers.js';

const NOW = new Date('2026-04-03T06:00:00Z');

const pipeline = (params: string) => `name: orders
params:
${params}
sources:
  files: {path: staging/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  - validate: {table: raw, suite: suites/raw.yml}
load:
  target: {type: duckdb, path: out/w.duckdb}
  table: orders
  validate_target: suites/target.yml
`;

const files = (params: string) => ({
  'pipeline.yml': pipeline(params),
  'suites/raw.yml': `name: raw
expectations:
  - type: expect_column_max_to_be_within
    kwargs: {column: created, max_age: {$PARAMETER: max_age}}
  - type: expect_column_max_to_be_between
    kwargs: {column: created, min_value: {$PARAMETER: since}}
`,
  'suites/target.yml': `name: target
expectations:
  - type: expect_table_row_count_to_be_between
    kwargs: {min_value: {$PARAMETER: min_rows}}
`,
  // Newest row 2026-04-02T12:00: 18 hours old at NOW.
  'staging/a.csv': 'id,created\n1,2026-04-01T00:00:00\n2,2026-04-02T12:00:00\n',
});

const PARAMS = `  max_age: 1d
  since: {$PARAMETER: "now() - timedelta(days=2)"}
  min_rows: 2
  unused_one: 5`;

describe('pipeline params', () => {
  it('reach every suite of the pipeline (validate_target too), and the result says which values were used and where they were set', async () => {
    const dir = project(files(PARAMS));
    const result = await run(dir, { now: NOW });
    expect(result.status).toBe('loaded');
    expect(result.parameters).toEqual({
      max_age: { value: '1d', from: 'pipeline.yml:3' },
      since: { value: '2026-04-01T06:00:00Z', from: 'pipeline.yml:4' },
      min_rows: { value: 2, from: 'pipeline.yml:5' },
    });
    const kwargs = result.suites.flatMap((s) => s.results.map((r) => r.expectation_config.kwargs));
    expect(kwargs).toContainEqual(expect.objectContaining({ max_age: '1d' }));
    expect(kwargs).toContainEqual(expect.objectContaining({ min_value: 2 }));
  }, 60_000);

  it("the run's parameters override the file's: the API's, named as such", async () => {
    const dir = project(files(PARAMS));
    const outcome = await attempt(dir, { now: NOW, parameters: { max_age: '6h', min_rows: 1 } });
    expect(outcome.status).toBe('blocked');
    const result = outcome.run!;
    expect(result.parameters?.max_age).toEqual({ value: '6h', from: 'runPipeline parameters' });
    expect(result.parameters?.since?.from).toBe('pipeline.yml:4');
    const freshness = result.suites[0]!.results.find((r) => r.expectation_config.type === 'expect_column_max_to_be_within')!;
    expect(freshness.success).toBe(false);
    // loadPipeline resolves them once, for every later runPipeline of that Pipeline.
    const loaded = await loadPipeline(path.join(dir, 'pipeline.yml'), { parameters: { max_age: '2d' }, now: NOW });
    expect(loaded.parameters?.max_age).toEqual({ value: '2d', from: 'loadPipeline parameters' });
    expect(loaded.unusedParameters).toEqual(['unused_one']);
  }, 60_000);

  it('and through the CLI: --param wins over the file, and the JSON result names it', () => {
    const dir = project(files(PARAMS));
    const r = assay(['run', path.join(dir, 'pipeline.yml'), '--now', NOW.toISOString(), '--param', 'max_age=6h', '--json']);
    expect(r.code, r.stderr).toBe(1);
    const result = JSON.parse(r.stdout);
    expect(result.status).toBe('blocked');
    expect(result.parameters.max_age).toEqual({ value: '6h', from: '--param' });
    expect(result.parameters.min_rows).toEqual({ value: 2, from: 'pipeline.yml:5' });
    const ok = assay(['run', path.join(dir, 'pipeline.yml'), '--now', NOW.toISOString(), '--json']);
    expect(ok.code, ok.stderr).toBe(0);
  }, 60_000);

  it('a value a kwarg refuses is reported at its params line, naming the expectation that uses it', async () => {
    const dir = project(files(`  max_age: 3 days\n  since: 2026-01-01\n  min_rows: many`));
    const err = await loadPipeline(path.join(dir, 'pipeline.yml')).catch((e) => e);
    expect(err).toBeInstanceOf(AssayPipelineError);
    const issues = (err as AssayPipelineError).issues;
    expect(issues.map((i) => [path.basename(i.file!), i.line, i.path])).toEqual([
      ['pipeline.yml', 3, '/params/max_age'],
      ['pipeline.yml', 5, '/params/min_rows'],
    ]);
    expect(issues[0]!.message).toMatch(/^parameter max_age \(used by expect_column_max_to_be_within at raw.yml:4\): kwarg max_age /);
    expect(err.message).toContain('pipeline.yml:5');
    // Through the CLI: exit 2, the line in the message; a --param value is reported at the kwarg, naming --param.
    const r = assay(['run', path.join(dir, 'pipeline.yml'), '--param', 'max_age=3 weeks']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/pipeline\.yml:5/);
    expect(r.stderr).toMatch(/raw\.yml:4:.*\(got "3 weeks"\) \(the value of parameter max_age, from --param\)/);
  }, 60_000);

  it('refuses values that cannot be parameters, and expressions that cannot be computed, at their line', async () => {
    const load = async (params: string) => {
      const dir = project(files(params));
      const err = await loadPipeline(path.join(dir, 'pipeline.yml')).catch((e) => e);
      expect(err).toBeInstanceOf(AssayPipelineError);
      return (err as AssayPipelineError).issues.map((i) => `${i.line}: ${i.message}`);
    };
    expect(await load(`  max_age:\n    days: 1\n  min_rows: ~\n  bad-name: 1\n  since: [1, [2]]`)).toEqual([
      '3: parameter max_age is a mapping: give text, a number, true/false, a list of them, or {$PARAMETER: expression}',
      '5: parameter min_rows has no value',
      '6: parameter name bad-name: letters, digits and underscores, not starting with a digit (expressions read parameters by name)',
      expect.stringMatching(/^7: parameter since is a list holding more than/),
    ]);
    expect(await load(`  max_age: 1d\n  since: {$PARAMETER: "now() - timedelta(fortnights=1)"}\n  min_rows: 1`)).toEqual([
      expect.stringMatching(/^4: parameter since: "now\(\) - timedelta\(fortnights=1\)": timedelta has no argument fortnights/),
    ]);
  });
});
