// Results for the report tests: hand-made ones covering every shape a report must show
// (passed, failed map, failed aggregate, failed set, raised, each severity, hostile values),
// and real ones from the engine on DuckDB.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { ExpectationResult, Severity, Suite, SuiteValidationResult } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import type { PipelineRunResult } from '../../src/pipeline/types.js';
import { runReportFromResult, type RunReport } from '../../src/report/run-report.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Scratch output (gitignored): screenshots and rendered reports a person can open. */
export const TMP = path.join(ROOT, 'test/.tmp/report');
export function tmpDir(name: string): string {
  const dir = path.join(TMP, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export const XSS = '<script>alert(1)</script>';
export const ATTR_XSS = '"><img src=x onerror=alert(2)>';

const noException = { raised_exception: false, exception_message: null, exception_traceback: null };

function exp(
  type: string,
  kwargs: Record<string, unknown>,
  severity: Severity,
  line: number,
  index: number,
  success: boolean,
  result: Record<string, unknown>,
): ExpectationResult {
  return {
    expectation_config: { type, kwargs, severity, meta: {} },
    success,
    result,
    exception_info: noException,
    location: { file: 'suites/orders.yml', line, column: 5, index },
  };
}

export function runInfo(id = 'run-1', start = '2026-03-01T10:00:00.000Z', source = 'data/orders.csv (csv)') {
  return {
    id,
    start_time: start,
    end_time: new Date(Date.parse(start) + 1234).toISOString(),
    data_source: source,
    engine: { name: 'duckdb', version: 'v1.5.6' },
    assay_version: '0.1.0',
  };
}

export function withStats(s: Omit<SuiteValidationResult, 'statistics' | 'success'>): SuiteValidationResult {
  const ok = s.results.filter((r) => r.success).length;
  const n = s.results.length;
  return {
    ...s,
    success: ok === n,
    statistics: {
      evaluated_expectations: n,
      successful_expectations: ok,
      unsuccessful_expectations: n - ok,
      success_percent: n ? (ok / n) * 100 : null,
    },
  };
}

/** Every kind of result, with hostile text where data can carry it. */
export function sampleSuite(opts: { id?: string; start?: string; name?: string; hostile?: boolean } = {}): SuiteValidationResult {
  const h = opts.hostile ?? true;
  const results: ExpectationResult[] = [
    exp('expect_column_values_to_not_be_null', { column: 'order_id' }, 'error', 6, 0, true, {
      element_count: 200,
      unexpected_count: 0,
      unexpected_percent: 0,
      partial_unexpected_list: [],
      missing_count: 0,
      missing_percent: 0,
    }),
    exp('expect_column_values_to_be_between', { column: 'amount', min_value: 0, max_value: 500, mostly: 0.99 }, 'warning', 8, 1, false, {
      element_count: 200,
      unexpected_count: 83,
      unexpected_percent: 41.70854271356784,
      missing_count: 1,
      missing_percent: 0.5,
      partial_unexpected_list: [853.34, 521.51, 506.43, -12, 853.34],
      partial_unexpected_counts: [
        { value: 853.34, count: 2 },
        { value: -12, count: 1 },
        { value: 506.43, count: 1 },
        { value: 521.51, count: 1 },
      ],
      partial_unexpected_index_list: [0, 4, 6, 10, 11],
    }),
    exp(
      'expect_column_values_to_be_in_set',
      { column: 'status', value_set: ['placed', 'shipped', 'delivered', h ? XSS : 'returned'] },
      'error',
      11,
      2,
      false,
      {
        element_count: 200,
        unexpected_count: 12,
        unexpected_percent: 6,
        missing_count: 0,
        missing_percent: 0,
        partial_unexpected_list: ['lost', 'lost', h ? XSS : 'cancelled', h ? ATTR_XSS : 'unknown'],
        partial_unexpected_counts: [
          { value: 'lost', count: 9 },
          { value: h ? XSS : 'cancelled', count: 2 },
          { value: h ? ATTR_XSS : 'unknown', count: 1 },
        ],
      },
    ),
    exp('expect_table_row_count_to_be_between', { min_value: 1, max_value: 100 }, 'error', 3, 3, false, { observed_value: 200 }),
    {
      ...exp('expect_column_values_to_match_regex', { column: h ? XSS : 'email', regex: '^[a-z]+@' }, 'error', 14, 4, false, {}),
      exception_info: {
        raised_exception: true,
        exception_message: `MissingColumnError: column "${h ? XSS : 'mail'}" does not exist`,
        exception_traceback: 'MissingColumnError: …\n    at col (context.ts:14)',
      },
    },
    exp(
      'expect_column_values_to_be_between',
      { column: 'created_at', min_value: '2026-01-01', max_value: '2026-12-31' },
      'error',
      17,
      5,
      false,
      {
        element_count: 200,
        unexpected_count: 3,
        unexpected_percent: 1.5,
        missing_count: 0,
        missing_percent: 0,
        partial_unexpected_list: ['2025-12-31 23:59:00', '2027-01-02 08:00:00', '2025-06-01 00:00:00'],
        partial_unexpected_counts: [
          { value: '2025-06-01 00:00:00', count: 1 },
          { value: '2025-12-31 23:59:00', count: 1 },
          { value: '2027-01-02 08:00:00', count: 1 },
        ],
      },
    ),
    exp('expect_column_mean_to_be_between', { column: 'amount', min_value: 100, max_value: 800 }, 'error', 19, 6, true, {
      observed_value: 412.5,
    }),
    exp('expect_column_value_lengths_to_be_between', { column: 'country', min_value: 2, max_value: 2 }, 'info', 21, 7, false, {
      element_count: 200,
      unexpected_count: 2,
      unexpected_percent: 1,
      missing_count: 0,
      missing_percent: 0,
      partial_unexpected_list: ['DEU', 'X'],
      partial_unexpected_counts: [
        { value: 'DEU', count: 1 },
        { value: 'X', count: 1 },
      ],
    }),
  ];
  return withStats({
    suite_name: opts.name ?? (h ? `orders ${XSS}` : 'orders'),
    results,
    meta: {},
    run: runInfo(opts.id, opts.start, h ? `data/${XSS}.csv (csv)` : 'data/orders.csv (csv)'),
  });
}

export function sampleReport(opts: Parameters<typeof sampleSuite>[0] & { failOn?: Severity } = {}): RunReport {
  return runReportFromResult(sampleSuite(opts), { failOn: opts.failOn });
}

/** A real result: `n` expectations over a generated orders table on DuckDB. */
export async function engineResult(n: number, rows = 5000): Promise<SuiteValidationResult> {
  const conn = await DuckDBConnection.open();
  try {
    await conn.exec(`CREATE TABLE orders AS SELECT i AS order_id, CASE WHEN i % 97 = 0 THEN NULL ELSE (i * 37) % 1000 END AS amount,
      (i * 13) % 120 AS qty, 'c' || (i % 50) AS customer FROM range(${rows}) t(i)`);
    const expectations: Suite['expectations'] = [];
    for (let i = 0; i < n; i++) {
      const kind = i % 4;
      const severity: Severity = i % 7 === 0 ? 'warning' : 'error';
      if (kind === 0)
        expectations.push({
          type: 'expect_column_values_to_not_be_null',
          kwargs: { column: i % 8 === 0 ? 'amount' : 'order_id' },
          severity,
          location: { file: 'suites/big.yml', line: 3 + i * 2, column: 5, index: i },
        });
      if (kind === 1)
        expectations.push({
          type: 'expect_column_values_to_be_between',
          kwargs: { column: 'amount', min_value: 0, max_value: 900 + (i % 150) },
          severity,
          location: { file: 'suites/big.yml', line: 3 + i * 2, column: 5, index: i },
        });
      if (kind === 2)
        expectations.push({
          type: 'expect_column_values_to_be_between',
          kwargs: { column: 'qty', min_value: i % 5, max_value: 119, mostly: 0.95 },
          severity,
          location: { file: 'suites/big.yml', line: 3 + i * 2, column: 5, index: i },
        });
      if (kind === 3)
        expectations.push({
          type: 'expect_table_row_count_to_be_between',
          kwargs: { min_value: 1, max_value: i % 3 === 0 ? 1000 : 100000 },
          severity,
          location: { file: 'suites/big.yml', line: 3 + i * 2, column: 5, index: i },
        });
    }
    return await validate(
      conn,
      'orders',
      { name: 'big', expectations },
      { catalogue: await loadCatalogue(), resultFormat: 'SUMMARY', dataSource: 'generated orders' },
    );
  } finally {
    await conn.close();
  }
}

/** A pipeline run that stopped after one validate step, around `report`: what the pipeline's terminal summary reads. */
export function pipelineRunOf(report: RunReport): PipelineRunResult {
  const run = {
    ...report,
    pipeline: 'p',
    options: { strict: false, dry_run: false, limit: null, force: false },
    staged_files: [],
    steps: [{ kind: 'validate', table: 't', suite: 's' }],
    meta_validations: [],
    quarantine: [],
    status: 'error',
    error: 'stopped',
    run_dir: '/tmp/run',
    files: { result: '/tmp/run/run.json', log: '/tmp/run/run.log' },
  };
  return run as unknown as PipelineRunResult;
}
