// Each input the fuzzers found ending in exit 4 ("a bug"), kept as a plain test once fixed.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../../src/api/validate.js';
import { attempt, project } from '../pipeline/helpers.js';
import { outcomeOf } from './harness.js';

const SUITE = 'name: s\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n';

/** Runs a pipeline file over one staged CSV: the exit code and message the CLI would give. */
async function outcome(yaml: string) {
  const dir = project({ 'pipeline.yml': yaml, 'suites/s.yml': SUITE, 'staging/a.csv': 'id,amount\n1,10\n' });
  const o = await attempt(dir);
  return o.status === 'error' ? outcomeOf(o.error) : { code: o.run.exit_code, message: '' };
}

describe('fuzz regressions', () => {
  it('SQL a step cannot parse ("SELECT") is the step\'s error with its line (exit 2), not exit 4', async () => {
    const o = await outcome('name: p\nsources:\n  files: {path: staging/*.csv}\nsteps:\n  - extract: {table: raw, sql: "SELECT"}\n');
    expect(o.code).toBe(2);
    expect(o.message).toMatch(/pipeline\.yml:5: extract raw: the SQL does not parse: Parser Error: SELECT clause without selection list/);
  });

  it('a CSV the sniffer fails on with nothing to point at (a lone quote beside a header-only file) is exit 3 naming the file, not a thrown null', async () => {
    const dir = project({
      'pipeline.yml': 'name: p\nsources:\n  files: {path: staging/*.csv}\nsteps:\n  - extract: {table: raw, sql: "SELECT * FROM files"}\n',
      'staging/0.csv': 'id,amount,name',
      'staging/1.csv': 'id,amount,name\n",0,',
    });
    const o = await attempt(dir);
    const { code, message } = o.status === 'error' ? outcomeOf(o.error) : { code: o.run.exit_code, message: '' };
    expect(code).toBe(3);
    expect(message).toMatch(/staging\/[01]\.csv/);
    const api = await validate([path.join(dir, 'staging/0.csv'), path.join(dir, 'staging/1.csv')], {
      name: 's',
      expectations: [{ type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 1 } }],
    }).catch(outcomeOf);
    expect(api).toMatchObject({ code: 3 });
  });

  it('a failing validation of a source view under gate: quarantine closes the gate (exit 1): a view has no rows to quarantine', async () => {
    const dir = project({
      'pipeline.yml':
        'name: p\nsources:\n  files: {path: staging/*.csv}\nsteps:\n  - validate: {table: files, suite: suites/s.yml}\ngate: quarantine\n',
      'suites/s.yml': SUITE,
      'staging/a.csv': 'id,amount,name\n,0,0\n1,2,3\n',
    });
    const o = await attempt(dir);
    expect(o.status === 'error' ? outcomeOf(o.error) : { code: o.run.exit_code, quarantine: o.run.quarantine }).toEqual({
      code: 1,
      quarantine: [],
    });
  });
});
