import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectValidResult } from '../helpers/result-schema.js';
import { assay, workdir } from './run-cli.js';

const CSV = 'id,"customer name",status,amount\n1,Ann,placed,10.5\n2,Bob,shipped,20\n3,"O\'Hara, Cy",lost,-3\n4,Dee,,7\n';

const suite = (body: string) => `name: t\nexpectations:\n${body}`;

describe('assay validate', () => {
  it('passes a clean suite with exit 0 and writes a result that matches the schema', () => {
    const dir = workdir({
      'data.csv': CSV,
      's.yml': suite(
        `  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n  - type: expect_table_row_count_to_be_between\n    kwargs: {min_value: 1, max_value: 10}\n`,
      ),
    });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml'), '--json', path.join(dir, 'r.json')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/gate OPEN/);
    const result = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expectValidResult(result);
    expect(result.statistics).toMatchObject({ evaluated_expectations: 2, successful_expectations: 2 });
  });

  it('exits 1 when an error-severity expectation fails, 0 when only a warning does', () => {
    const dir = workdir({
      'data.csv': CSV,
      's.yml': suite(`  - type: expect_column_values_to_be_between\n    kwargs: {column: amount, min_value: 0}\n    severity: warning\n`),
      'e.yml': suite(`  - type: expect_column_values_to_be_between\n    kwargs: {column: amount, min_value: 0}\n`),
    });
    const warn = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml')]);
    expect(warn.code).toBe(0);
    expect(warn.stdout).toMatch(/-3/);
    expect(assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml'), '--fail-on', 'warning']).code).toBe(1);
    expect(assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 'e.yml')]).code).toBe(1);
  });

  it('handles a column name with quotes and spaces', () => {
    const dir = workdir({
      'data.csv': 'id,"it\'s a ""name"""\n1,a\n2,\n',
      's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: 'it''s a "name"'}\n`),
    });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml'), '--json', path.join(dir, 'r.json')]);
    expect(r.code).toBe(1);
    const result = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(result.results[0].exception_info.raised_exception).toBe(false);
    expect(result.results[0].result.unexpected_count).toBe(1);
  });

  it('a missing column fails that expectation with exception_info, not the run', () => {
    const dir = workdir({
      'data.csv': CSV,
      's.yml': suite(
        `  - type: expect_column_values_to_not_be_null\n    kwargs: {column: nope}\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n`,
      ),
    });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml'), '--json', path.join(dir, 'r.json')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/column "nope" does not exist/);
    const result = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expectValidResult(result);
    expect(result.results.map((x: { success: boolean }) => x.success)).toEqual([false, true]);
  });

  it('a typo in the type is a suite error with line and did-you-mean, exit 2', () => {
    const dir = workdir({
      'data.csv': CSV,
      's.yml': suite(`  - type: expect_column_values_to_be_betwen\n    kwargs: {column: amount, min_value: 0}\n`),
    });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\.yml:3:\d+: .*did you mean expect_column_values_to_be_between\?/);
  });

  it('a kwarg of the wrong type is a suite error naming the kwarg, exit 2', () => {
    const dir = workdir({
      'data.csv': CSV,
      's.yml': suite(`  - type: expect_column_values_to_be_between\n    kwargs: {column: amount, min_value: 0, mostly: "most"}\n`),
    });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/s\.yml:4:\d+: .*mostly/);
  });

  it('a suite with no expectations is an error, exit 2', () => {
    const dir = workdir({ 'data.csv': CSV, 's.yml': 'name: t\nexpectations: []\n' });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no expectations/);
  });

  it("a value set holding '; DROP TABLE is just a value", () => {
    const dir = workdir({
      'data.csv': CSV,
      's.yml': suite(
        `  - type: expect_column_values_to_be_in_set\n    kwargs: {column: status, value_set: [placed, shipped, "'; DROP TABLE assay_input; --"]}\n  - type: expect_table_row_count_to_be_between\n    kwargs: {min_value: 4, max_value: 4}\n`,
      ),
    });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml'), '--json', path.join(dir, 'r.json')]);
    expect(r.code).toBe(1);
    const result = JSON.parse(readFileSync(path.join(dir, 'r.json'), 'utf8'));
    expect(result.results[0].result.unexpected_count).toBe(1);
    expect(result.results[0].result.partial_unexpected_list).toEqual(['lost']);
    expect(result.results[1].success).toBe(true);
  });

  it('a malformed CSV row is a data error naming file and line, exit 3', () => {
    const dir = workdir({
      'bad.csv': 'a,b\n1,2\n3,4,5\n6,7\n',
      's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: a}\n`),
    });
    const r = assay(['validate', path.join(dir, 'bad.csv'), '--suite', path.join(dir, 's.yml')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/bad\.csv/);
    expect(r.stderr).toMatch(/line 3/i);
  });

  it('an empty file is a data error, exit 3', () => {
    const dir = workdir({ 'empty.csv': '', 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: a}\n`) });
    const r = assay(['validate', path.join(dir, 'empty.csv'), '--suite', path.join(dir, 's.yml')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/empty\.csv.*empty|empty.*empty\.csv/i);
  });

  it('a missing input file is a data error, exit 3; a missing option is a usage error, exit 2', () => {
    const dir = workdir({ 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: a}\n`) });
    expect(assay(['validate', path.join(dir, 'nope.csv'), '--suite', path.join(dir, 's.yml')]).code).toBe(3);
    expect(assay(['validate', path.join(dir, 'nope.csv')]).code).toBe(2);
    expect(assay(['validate', 'x.csv', '--suite', 's.yml', '--result-format', 'ALL']).code).toBe(2);
  });
});

describe('assay validate output files', () => {
  it('a report path that cannot be written is a clear error, never a hang', () => {
    const dir = workdir({ 'data.csv': CSV, 's.yml': suite(`  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n`) });
    const r = assay(['validate', path.join(dir, 'data.csv'), '--suite', path.join(dir, 's.yml'), '--json', '/proc/nope/r.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write \/proc\/nope\/r\.json/);
  });
});
