import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { editDistance } from '../../src/config/errors.js';
import { AssaySuiteError, type ConfigIssue } from '../../src/errors.js';
import { loadSuite, parseSuite, type ParseSuiteOptions } from '../../src/config/suite.js';
import { fakeCatalogue } from './fake-catalogue.js';

const dir = mkdtempSync(path.join(tmpdir(), 'assay-suite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const catalogue = fakeCatalogue();

/** 1-based line of the first line containing `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

function fixture(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The issues parseSuite throws; fails the test when it does not throw a AssaySuiteError. */
function issuesOf(text: string, file = 'suites/orders.yml', options?: ParseSuiteOptions): ConfigIssue[] {
  try {
    parseSuite(text, file, catalogue, options);
  } catch (err) {
    if (err instanceof AssaySuiteError) return err.issues;
    throw err;
  }
  throw new Error('expected a AssaySuiteError');
}

const canonical = `name: orders
data: data/orders.parquet
meta: {owner: data-team}
expectations:
  - type: expect_column_values_to_not_be_null
    kwargs: {column: id}
  - type: expect_column_values_to_be_between
    kwargs:
      column: amount
      min_value: 0
      max_value: 100000
      mostly: 0.99
    severity: warning
    meta: {ticket: DQ-1}
`;

describe('loadSuite: the three formats', () => {
  it('reads canonical YAML with positions and default severity', async () => {
    const file = fixture('orders.yml', canonical);
    const suite = await loadSuite(file, catalogue);
    expect(suite).toMatchObject({ name: 'orders', data: 'data/orders.parquet', meta: { owner: 'data-team' }, file });
    expect(suite.expectations).toEqual([
      {
        type: 'expect_column_values_to_not_be_null',
        kwargs: { column: 'id' },
        severity: 'error',
        location: { file, line: 5, column: 5, index: 0 },
      },
      {
        type: 'expect_column_values_to_be_between',
        kwargs: { column: 'amount', min_value: 0, max_value: 100000, mostly: 0.99 },
        severity: 'warning',
        meta: { ticket: 'DQ-1' },
        location: { file, line: 7, column: 5, index: 1 },
      },
    ]);
  });

  it('reads Great Expectations 1.x JSON as it is', async () => {
    const ge1 = {
      name: 'orders_suite',
      id: '6a4e1b8e-0000-4000-8000-000000000000',
      notes: null,
      meta: { great_expectations_version: '1.3.0' },
      suite_parameters: { max_rows: 1000 },
      expectations: [
        {
          type: 'expect_table_row_count_to_be_between',
          kwargs: { min_value: 1, max_value: { $PARAMETER: 'max_rows' } },
          meta: {},
          id: 'b1',
          notes: 'rows',
          rendered_content: [],
          severity: 'critical',
        },
        { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'status', value_set: ['new', 'paid'] }, meta: {}, id: 'b2' },
      ],
    };
    const text = JSON.stringify(ge1, null, 2);
    const suite = await loadSuite(fixture('ge1.json', text), catalogue);
    expect(suite.name).toBe('orders_suite');
    expect(suite.meta).toEqual({ great_expectations_version: '1.3.0' });
    expect(suite.expectations.map((e) => [e.type, e.severity, e.location?.line])).toEqual([
      ['expect_table_row_count_to_be_between', 'error', lineOf(text, '"expect_table_row_count')],
      ['expect_column_values_to_be_in_set', 'error', lineOf(text, '"expect_column_values_to_be_in_set')],
    ]);
    expect(suite.expectations[0].kwargs).toEqual({ min_value: 1, max_value: 1000 });
  });

  it('reads Great Expectations 0.x JSON as it is', async () => {
    const ge0 = {
      expectation_suite_name: 'orders.warning',
      ge_cloud_id: null,
      data_asset_type: 'Dataset',
      meta: { great_expectations_version: '0.15.50' },
      expectations: [
        { expectation_type: 'expect_column_values_to_not_be_null', kwargs: { column: 'id' }, meta: {} },
        {
          expectation_type: 'expect_column_values_to_be_between',
          kwargs: { column: 'amount', min_value: { $PARAMETER: 'lo', '$PARAMETER.lo': 5 } },
          meta: { notes: 'x' },
        },
      ],
    };
    const text = JSON.stringify(ge0, null, 2);
    const suite = await loadSuite(fixture('ge0.json', text), catalogue);
    expect(suite.name).toBe('orders.warning');
    expect(suite.expectations.map((e) => e.type)).toEqual(['expect_column_values_to_not_be_null', 'expect_column_values_to_be_between']);
    expect(suite.expectations[1].kwargs).toEqual({ column: 'amount', min_value: 5 });
    expect(suite.expectations[0].location).toMatchObject({ line: lineOf(text, '"expectation_type"'), column: 7, index: 0 });
  });
});

describe('parseSuite: problems name the file, line and expectation', () => {
  it('suggests the nearest type for a typo, at the type line', () => {
    const text = canonical.replace('to_be_between', 'to_be_betwen');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ code: 'unknown_type', line: 7, column: 11, index: 1, path: '/expectations/1/type' });
    expect(new AssaySuiteError([issue]).format()).toBe(
      'suites/orders.yml:7:11: expectation 1 (expect_column_values_to_be_betwen): unknown expectation type ' +
        'expect_column_values_to_be_betwen: did you mean expect_column_values_to_be_between?',
    );
  });

  it('names a kwarg of the wrong type and its line', () => {
    const [issue] = issuesOf(canonical.replace('min_value: 0', 'min_value: ten'));
    expect(issue).toMatchObject({ code: 'invalid_kwarg', line: 10, column: 7, index: 1, path: '/expectations/1/kwargs/min_value' });
    expect(issue.message).toBe('kwarg min_value must be number or null (got "ten")');
  });

  it('reports an unknown kwarg with a suggestion', () => {
    const [issue] = issuesOf(canonical.replace('min_value: 0', 'min_valu: 0'));
    expect(issue).toMatchObject({ code: 'unknown_kwarg', line: 10, path: '/expectations/1/kwargs/min_valu' });
    expect(issue.message).toBe('unknown kwarg min_valu: did you mean min_value?');
  });

  it('reports a missing required kwarg at the kwargs line', () => {
    const [issue] = issuesOf(canonical.replace('kwargs: {column: id}', 'kwargs: {}'));
    expect(issue).toMatchObject({ code: 'missing_kwarg', line: 6, index: 0, message: 'missing required kwarg column' });
  });

  it('refuses a suite without expectations', () => {
    const [issue] = issuesOf('name: orders\nexpectations: []\n');
    expect(issue).toMatchObject({ code: 'empty_suite', line: 2, column: 1 });
    expect(issue.message).toMatch(/checked nothing is a trap/);
  });

  it('reports a YAML syntax error with its line', () => {
    const issues = issuesOf(
      'name: orders\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id\n  - type: x\n',
    );
    expect(issues.length).toBeGreaterThan(0);
    expect(issues[0]).toMatchObject({ code: 'yaml_syntax', line: 5, column: 3 });
    expect(issues[0].message).not.toMatch(/\n/);
  });

  it('reports a JSON syntax error with its line', () => {
    const [issue] = issuesOf('{\n  "name": "x",\n  "expectations": [\n    {"type": "a",}\n  ]\n  "meta": {}\n}\n', 'ge.json');
    expect(issue).toMatchObject({ code: 'yaml_syntax', file: 'ge.json' });
    expect(issue.line).toBeGreaterThanOrEqual(4);
  });

  it('reports several problems at once, in document order', () => {
    const text = `expectatons: []
expectations:
  - type: expect_column_values_to_not_be_nul
    kwargs: {column: id}
  - type: expect_column_values_to_be_in_set
    kwargs: {value_set: [a], mostly: 2}
    severity: fatal
  - type: expect_table_row_count_to_be_between
    kwargs: {min_value: -1}
`;
    const issues = issuesOf(text);
    const lines = issues.map((i) => `${i.line} ${i.code} ${i.message}`);
    expect(lines).toEqual([
      '1 invalid_suite missing required key name',
      '1 unknown_key unknown key expectatons: did you mean expectations?',
      '3 unknown_type unknown expectation type expect_column_values_to_not_be_nul: did you mean expect_column_values_to_not_be_null?',
      '6 missing_kwarg missing required kwarg column',
      '6 invalid_kwarg kwarg mostly must be <= 1 (got 2)',
      '7 invalid_suite key severity must be one of error, warning, info, critical (got "fatal")',
      '9 invalid_kwarg kwarg min_value must be >= 0 (got -1)',
    ]);
    const severityIssue = issues.find((i) => i.path === '/expectations/1/severity');
    expect(severityIssue).toMatchObject({ index: 1, expectationType: 'expect_column_values_to_be_in_set' });
  });

  it('reads GE keys past but flags unknown keys, in canonical YAML and in GE JSON', () => {
    const yamlIssues = issuesOf(canonical.replace('severity: warning', 'severty: warning'));
    expect(yamlIssues.map((i) => i.message)).toEqual(['unknown key severty: did you mean severity?']);
    const json = JSON.stringify({
      name: 'x',
      brand_new_ge_key: 1,
      expectations: [{ type: 'expect_column_values_to_not_be_null', kwargs: { column: 'a' }, windows: [], notes: 'n' }],
    });
    expect(issuesOf(json, 'x.json').map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual(['1:13 unknown key brand_new_ge_key']);
    expect(parseSuite(json.replace('"brand_new_ge_key":1,', ''), 'x.json', catalogue).expectations).toHaveLength(1);
  });

  it('resolves $PARAMETER kwargs, type-checks the value and reports unresolved ones', () => {
    const text = `name: p
suite_parameters: {lo: 1}
expectations:
  - type: expect_column_values_to_be_between
    kwargs:
      column: amount
      min_value: {$PARAMETER: lo}
      max_value: {$PARAMETER: hi}
`;
    const [unresolved] = issuesOf(text);
    expect(unresolved).toMatchObject({ code: 'unresolved_parameter', line: 8, path: '/expectations/0/kwargs/max_value' });
    const suite = parseSuite(text, 's.yml', catalogue, { parameters: { hi: 9, lo: 2 } });
    expect(suite.expectations[0].kwargs).toMatchObject({ min_value: 2, max_value: 9 });
    const [wrong] = issuesOf(text, 's.yml', { parameters: { hi: 'nine' } });
    expect(wrong.message).toBe('kwarg max_value must be number or null (got "nine") (the value of parameter hi, from the caller)');
  });

  it("explains a value that matches none of oneOf's forms once", () => {
    const text = canonical.replace('kwargs: {column: id}', 'kwargs: {column: id, result_format: FULL}');
    const [issue, ...rest] = issuesOf(text);
    expect(rest).toEqual([]);
    expect(issue.message).toBe('kwarg result_format must be one of BOOLEAN_ONLY, BASIC, SUMMARY, COMPLETE, or must be object (got "FULL")');
    const deeper = issuesOf(canonical.replace('kwargs: {column: id}', 'kwargs: {column: id, result_format: {result_format: FULL}}'));
    expect(deeper.map((i) => i.message)).toEqual([
      'kwarg result_format.result_format must be one of BOOLEAN_ONLY, BASIC, SUMMARY, COMPLETE (got "FULL")',
    ]);
  });

  it('reports an empty file and a file that cannot be read', async () => {
    expect(issuesOf('')[0]).toMatchObject({ code: 'invalid_suite', line: 1 });
    await expect(loadSuite(path.join(dir, 'nope.yml'), catalogue)).rejects.toMatchObject({ issues: [{ code: 'read_error' }] });
  });
});

describe('editDistance', () => {
  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('betwene', 'between')).toBe(1);
    expect(editDistance('colum', 'column')).toBe(1);
  });
});
