// The validation results table: one row per expectation result of the run, in the working
// database, so the meta-suite can check the results with the same engine (and a person can
// query them). Saved beside the run's result as validation_results.parquet.
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Sql, SuiteValidationResult } from '../engine/types.js';
import { RESULTS_TABLE } from './config.js';

export { RESULTS_TABLE };

export interface ResultRow {
  run_id: string;
  step: number;
  suite: string;
  table_name: string;
  expectation_index: number;
  expectation_type: string;
  kwargs: unknown;
  severity: string;
  success: boolean;
  observed_value: unknown;
  element_count: number | null;
  unexpected_count: number | null;
  unexpected_percent: number | null;
  exception: string | null;
  /** Its failing rows went to quarantine and out of the table (gate: quarantine). */
  quarantined: boolean;
}

const COLUMNS: [keyof ResultRow, string][] = [
  ['run_id', 'VARCHAR'],
  ['step', 'INTEGER'],
  ['suite', 'VARCHAR'],
  ['table_name', 'VARCHAR'],
  ['expectation_index', 'INTEGER'],
  ['expectation_type', 'VARCHAR'],
  ['kwargs', 'JSON'],
  ['severity', 'VARCHAR'],
  ['success', 'BOOLEAN'],
  ['observed_value', 'JSON'],
  ['element_count', 'BIGINT'],
  ['unexpected_count', 'BIGINT'],
  ['unexpected_percent', 'DOUBLE'],
  ['exception', 'VARCHAR'],
  ['quarantined', 'BOOLEAN'],
];

export async function createResultsTable(conn: DuckDBConnection): Promise<void> {
  const d = conn.dialect;
  await conn.exec(`CREATE OR REPLACE TABLE ${d.ident(RESULTS_TABLE)} (${COLUMNS.map(([n, t]) => `${d.ident(n)} ${t}`).join(', ')})`);
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const json = (v: unknown) =>
  v === undefined || v === null ? null : JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? String(x) : x));

export function toResultRows(
  runId: string,
  step: number,
  table: string,
  result: SuiteValidationResult,
  quarantined: ReadonlySet<number>,
): ResultRow[] {
  return result.results.map((r, i) => ({
    run_id: runId,
    step,
    suite: result.suite_name,
    table_name: table,
    expectation_index: i,
    expectation_type: r.expectation_config.type,
    kwargs: r.expectation_config.kwargs,
    severity: r.expectation_config.severity,
    success: r.success,
    observed_value: r.result.observed_value ?? null,
    element_count: num(r.result.element_count),
    unexpected_count: num(r.result.unexpected_count),
    unexpected_percent: num(r.result.unexpected_percent),
    exception: r.exception_info.raised_exception ? (r.exception_info.exception_message ?? 'exception') : null,
    quarantined: quarantined.has(i),
  }));
}

/** Rows as a VALUES list typed like the table's columns. */
function valuesOf(conn: DuckDBConnection, rows: ResultRow[]): Sql {
  const d = conn.dialect;
  const values = rows.map(
    (r) =>
      `(${COLUMNS.map(([n, t]) => {
        const v = r[n];
        const text = t === 'JSON' ? json(v) : null;
        return t !== 'JSON' ? `CAST(${d.literal(v ?? null)} AS ${t})` : text === null ? 'CAST(NULL AS JSON)' : `${d.literal(text)}::JSON`;
      }).join(', ')})`,
  );
  return `VALUES ${values.join(', ')}`;
}

export async function appendResultRows(conn: DuckDBConnection, rows: ResultRow[]): Promise<void> {
  if (!rows.length) return;
  await conn.exec(`INSERT INTO ${conn.dialect.ident(RESULTS_TABLE)} ${valuesOf(conn, rows)}`);
}

/**
 * The results table as it will be once `pending` rows are appended, without writing them: the
 * load's re-validation of its target runs the meta-suite inside the load's transaction, where
 * DuckDB allows no write to a second database.
 */
export function resultsWith(conn: DuckDBConnection, pending: ResultRow[]): Sql {
  const t = conn.dialect.ident(RESULTS_TABLE);
  if (!pending.length) return t;
  const names = COLUMNS.map(([n]) => conn.dialect.ident(n)).join(', ');
  return `(SELECT * FROM ${t} UNION ALL SELECT * FROM (${valuesOf(conn, pending)}) AS pending (${names})) AS ${t}`;
}
