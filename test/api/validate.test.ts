// The library from a caller's side: `validate` over every kind of input, suites as files,
// text and objects, errors as typed values. Imports only the package root (src/index.ts).
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { from } from 'arquero';
import { describe, expect, it } from 'vitest';
import {
  AssayDataError,
  AssaySuiteError,
  AssayUsageError,
  decideGate,
  defineSuite,
  loadSuite,
  parseSuite,
  renderHtml,
  renderJUnit,
  renderMarkdown,
  validate,
  type SuiteValidationResult,
} from '../../src/index.js';
import { assay, ROOT } from '../cli/run-cli.js';

const ORDERS = path.join(ROOT, 'examples/orders/orders.csv');
const ORDERS_SUITE = path.join(ROOT, 'examples/orders/orders.suite.yml');

/** A result without what differs between two runs of the same check (run block, input's name). */
const comparable = (r: SuiteValidationResult) => ({ ...r, run: undefined });

const records = [
  { id: 1, customer: 'ann', amount: 12.5, status: 'placed', paid: true },
  { id: 2, customer: 'bob', amount: 99, status: 'shipped', paid: false },
  { id: 3, customer: null, amount: -4, status: 'lost', paid: true },
  { id: 3, customer: 'cy', amount: null, status: 'placed', paid: null },
  { id: 5, customer: 'dee', amount: 100000.25, status: 'returned', paid: true },
];

const suite = defineSuite({
  name: 'orders',
  expectations: [
    { type: 'expect_table_row_count_to_equal', kwargs: { value: 5 } },
    { type: 'expect_table_columns_to_match_ordered_list', kwargs: { column_list: ['id', 'customer', 'amount', 'status', 'paid'] } },
    { type: 'expect_column_values_to_be_unique', kwargs: { column: 'id' } },
    { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'customer' } },
    { type: 'expect_column_values_to_be_between', kwargs: { column: 'amount', min_value: 0, max_value: 1000 } },
    { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'status', value_set: ['placed', 'shipped', 'returned'] } },
    { type: 'expect_column_mean_to_be_between', kwargs: { column: 'amount', min_value: 0, max_value: 50000 } },
    { type: 'expect_column_values_to_be_of_type', kwargs: { column: 'amount', type_: 'DOUBLE' } },
    { type: 'expect_column_values_to_be_of_type', kwargs: { column: 'id', type_: 'BIGINT' } },
    { type: 'expect_column_values_to_be_in_set', kwargs: { column: 'paid', value_set: [true] }, severity: 'warning' },
  ],
});

function csvOf(rows: Record<string, unknown>[]): string {
  const cols = Object.keys(rows[0]!);
  return `${cols.join(',')}\n${rows.map((r) => cols.map((c) => (r[c] === null ? '' : String(r[c]))).join(',')).join('\n')}\n`;
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'assay-api-'));
}

describe('validate', () => {
  it('returns the object `assay validate --json` writes', async () => {
    const dir = tempDir();
    const json = path.join(dir, 'result.json');
    const cli = assay(['validate', ORDERS, '--suite', ORDERS_SUITE, '--json', json, '--quiet']);
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(readFileSync(json, 'utf8')) as SuiteValidationResult;
    const fromApi = await validate(ORDERS, ORDERS_SUITE);
    expect(comparable(fromApi)).toEqual(comparable(fromCli));
    expect(fromApi.run.data_source).toBe(fromCli.run.data_source);
  });

  it('validates an array of records and an arquero table with the same results as a CSV of the same data', async () => {
    const dir = tempDir();
    const csv = path.join(dir, 'orders.csv');
    writeFileSync(csv, csvOf(records));
    const fromCsv = await validate(csv, suite);
    const fromRecords = await validate(records, suite);
    const fromArquero = await validate(from(records), suite);
    const outcome = (r: SuiteValidationResult) => r.results.map((x) => [x.expectation_config.type, x.success, x.result]);
    expect(outcome(fromRecords)).toEqual(outcome(fromCsv));
    expect(outcome(fromArquero)).toEqual(outcome(fromCsv));
    // Not a vacuous match: the data breaks some expectations and meets others.
    expect(fromCsv.results.map((r) => r.success)).toEqual([true, true, false, false, false, false, true, true, true, false]);
    expect(fromCsv.results.every((r) => !r.exception_info.raised_exception)).toBe(true);
    expect(fromRecords.run.data_source).toBe('records (5 rows)');
    expect(fromArquero.run.data_source).toBe('arquero table (5 rows)');
  });

  it('keeps dates, timestamps and columns some records lack', async () => {
    const rows = [
      { day: new Date('2026-03-01'), at: new Date('2026-03-01T10:30:00Z'), n: 1 },
      { day: new Date('2026-03-02'), at: new Date('2026-03-02T00:00:00Z'), extra: 'x' },
    ];
    const r = await validate(rows, {
      name: 'types',
      expectations: [
        { type: 'expect_column_values_to_be_of_type', kwargs: { column: 'day', type_: 'DATE' } },
        { type: 'expect_column_values_to_be_of_type', kwargs: { column: 'at', type_: 'TIMESTAMP' } },
        { type: 'expect_column_max_to_be_between', kwargs: { column: 'at', min_value: '2026-03-02', max_value: '2026-03-02' } },
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'extra' } },
      ],
    });
    expect(r.results.map((x) => x.success)).toEqual([true, true, true, false]);
    expect(r.results[3]!.result).toMatchObject({ element_count: 2, unexpected_count: 1 });
  });

  it('validates SQL over records, over files, and over a table of an open DuckDB connection', async () => {
    const one = defineSuite({
      name: 'paid',
      expectations: [{ type: 'expect_table_row_count_to_equal', kwargs: { value: 3 } }],
    });
    const overRecords = await validate(records, one, { sql: 'SELECT * FROM assay_input WHERE paid' });
    expect(overRecords.success).toBe(true);
    expect(overRecords.run.data_source).toBe('SQL query over records (5 rows)');

    const dir = tempDir();
    writeFileSync(path.join(dir, 'a.csv'), csvOf(records));
    const overFiles = await validate(path.join(dir, '*.csv'), one, { sql: 'SELECT * FROM assay_input WHERE paid' });
    expect(overFiles.success).toBe(true);

    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    try {
      await conn.run("CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL)) v(id, name)");
      const table = await validate(conn, one, { table: 't' });
      expect(table.success).toBe(true);
      const query = await validate(conn, one, { sql: 'SELECT * FROM t WHERE name IS NOT NULL' });
      expect(query.success).toBe(false);
      // The caller's connection is still open: Assay borrowed it.
      expect((await conn.runAndReadAll('SELECT count(*)::INT AS n FROM t')).getRowObjects()).toEqual([{ n: 3 }]);
    } finally {
      conn.closeSync();
      instance.closeSync();
    }
  });

  it('reads a table of a DuckDB database file', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'shop.duckdb');
    const instance = await DuckDBInstance.create(file);
    const conn = await instance.connect();
    await conn.run('CREATE TABLE orders AS SELECT range AS id FROM range(3)');
    conn.closeSync();
    instance.closeSync();
    const one = defineSuite({ name: 'n', expectations: [{ type: 'expect_table_row_count_to_equal', kwargs: { value: 3 } }] });
    expect((await validate(file, one, { table: 'orders' })).success).toBe(true);
    await expect(validate(file, one)).rejects.toBeInstanceOf(AssayUsageError);
  });

  it('throws typed errors with a code and a path, and never exits', async () => {
    const missing = path.join(tempDir(), 'nope.csv');
    const err = await validate(missing, suite).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssayDataError);
    expect(err).toMatchObject({ code: 'data_access', path: missing, message: `file not found: ${missing}` });

    const bad = await validate(records, {
      name: 'bad',
      expectations: [{ type: 'expect_column_values_to_be_between', kwargs: { column: 'amount', min_valu: 0 } }],
    } as never).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(AssaySuiteError);
    expect((bad as AssaySuiteError).code).toBe('unknown_kwarg');
    expect((bad as AssaySuiteError).issues[0]).toMatchObject({
      path: '/expectations/0/kwargs/min_valu',
      message: 'unknown kwarg min_valu: did you mean min_value?',
    });
  });
});

describe('suites', () => {
  it('loads a file, parses text and objects, and refuses the same mistakes in each', async () => {
    const fromFile = await loadSuite(ORDERS_SUITE);
    const fromText = await parseSuite(readFileSync(ORDERS_SUITE, 'utf8'), { file: 'orders.suite.yml' });
    expect(fromText.expectations.map((e) => e.kwargs)).toEqual(fromFile.expectations.map((e) => e.kwargs));
    const fromObject = await parseSuite(suite);
    expect(fromObject.expectations).toHaveLength(10);
    // A checked suite is used as it is.
    const r = await validate(records, fromObject);
    expect(r.statistics.evaluated_expectations).toBe(10);
    await expect(parseSuite('name: x\nexpectations:\n  - type: expect_column_to_exits\n    kwargs: {column: a}\n')).rejects.toThrow(
      /<suite>:3:11: expectation 0 \(expect_column_to_exits\): unknown expectation type expect_column_to_exits: did you mean expect_column_to_exist\?/,
    );
  });
});

describe('reports and the gate', () => {
  it('renders a result and decides the gate like the CLI', async () => {
    const dir = tempDir();
    cpSync(ORDERS, path.join(dir, 'orders.csv'));
    const result = await validate(path.join(dir, 'orders.csv'), ORDERS_SUITE);
    // The bundled example fails warnings only: open, as `assay validate` exits 0 on it...
    expect(decideGate(result)).toEqual({ policy: 'strict', open: true, reasons: [] });
    // ...and closed with --fail-on warning, each failed warning a reason.
    const failedWarnings = result.results.filter((r) => !r.success && r.expectation_config.severity === 'warning');
    expect(failedWarnings.length).toBeGreaterThan(0);
    const strict = decideGate(result, { failOn: 'warning' });
    expect(strict.open).toBe(false);
    expect(strict.reasons).toHaveLength(failedWarnings.length);
    expect(strict.reasons[0]).toMatch(/^orders: expect_\w+\(\w+\) failed \(warning\)$/);
    expect(decideGate(result, { policy: 'warn', failOn: 'warning' })).toMatchObject({ open: true, reasons: strict.reasons });

    const html = await renderHtml(result);
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('orders');
    const junit = await renderJUnit(result);
    expect(junit).toContain(`<testsuite name="orders"`);
    expect(junit.match(/<testcase /g)).toHaveLength(result.results.length);
    expect(await renderMarkdown(result)).toMatch(/orders/);
  });
});
