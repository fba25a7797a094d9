// validate() for library callers: any input Assay reads, a suite (path, object or checked
// suite), and back the result object `assay validate --json` writes. Nothing is printed and the
// process is left alone; problems are thrown as AssayError subclasses (../errors.ts).
import { DuckDBConnection as RawDuckDBConnection } from '@duckdb/node-api';
import type { ColumnTable } from 'arquero';
import { DuckDBConnection } from '../connections/duckdb.js';
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';
import { isArqueroTable, recordsTable, registerTable } from '../engine/js-tables.js';
import { classifyDataError, isDuckDBFile, openInput, type CsvOptions, type FileFormat, type OpenedInput } from '../engine/sources.js';
import type { ResultFormatName, Sql, Suite, SuiteValidationResult } from '../engine/types.js';
import { validate as runSuite } from '../engine/validate.js';
import { lockDown } from '../connections/sandbox.js';
import { openReach } from '../connections/reach.js';
import { keepValidationHistory } from '../history/record.js';
import { randomUUID } from 'node:crypto';
import { AssayUsageError } from '../errors.js';
import { toJson } from '../report/json.js';
import type { SuiteDefinition } from './define-suite.js';
import { resolveSuite } from './suite.js';

/**
 * What to validate:
 * - a path or glob, or several (CSV, TSV, Parquet, JSON, NDJSON; gzip), or a DuckDB database
 *   file (`.duckdb`, `.ddb`, `.db`) with the `table` or `sql` option;
 * - an open `@duckdb/node-api` connection, with `table` or `sql` (Assay never closes it);
 * - an array of records (plain objects) or an arquero table.
 * With `sql`, the query's result is validated; the input is visible to it as `assay_input`.
 */
export type ValidateInput = string | readonly string[] | RawDuckDBConnection | readonly Record<string, unknown>[] | ColumnTable;

export interface ValidateOptions {
  /** A table of the DuckDB database file or connection, e.g. `orders` or `sales.orders`. */
  table?: string;
  /** Validate this query's result instead; the input is the view or table `assay_input`. */
  sql?: string;
  /** Files: the format when the extension does not tell it. */
  format?: FileFormat;
  /** CSV/TSV reading options (delimiter, header, quote, null strings, column types). */
  csv?: CsvOptions;
  /** result_format of expectations that do not set one (default BASIC). */
  resultFormat?: ResultFormatName;
  /** Values for `$PARAMETER` references in the suite's kwargs (a suite given as a path or an object). */
  parameters?: Record<string, unknown>;
  /** The expectation types, a project's own among them (default: the built-in ones; see loadCatalogue). */
  catalogue?: Catalogue;
  /** The result's run id (default: a random UUID). */
  runId?: string;
  /**
   * Keep history: record this run's metrics in `<runs>/history.duckdb`, and let history-aware
   * expectations judge against it (as `assay validate --runs`).
   */
  runs?: string;
  /** The data asset the history is kept under (default: the suite's `asset`, else its name). */
  asset?: string;
  /** The run's clock, for now-relative parameters and history (default: the current time). */
  now?: Date;
  /**
   * Files and folders the suite may read besides the input (a reconciliation's or a foreign
   * key's `other_table` given as a path), as `--allow-read`; the sandbox admits nothing else.
   */
  allowRead?: readonly string[];
  /**
   * Connections a suite's `other_connection` may name (a reconciliation with another engine):
   * the URL, or the environment variable holding it (a config's `connections`, from loadConfig).
   */
  connections?: Readonly<Record<string, { url: string } | { env: string }>>;
  /** Called with the SQL of every query, e.g. to log or count scans. */
  onQuery?: (sql: Sql, purpose: 'fused' | 'fallback' | 'follow-up') => void;
}

/** Validates the input against the suite; resolves to the result `assay validate --json` writes. */
export async function validate(
  input: ValidateInput,
  suite: string | Suite | SuiteDefinition,
  options: ValidateOptions = {},
): Promise<SuiteValidationResult> {
  const catalogue = options.catalogue ?? (await loadCatalogue());
  const checked = await resolveSuite(suite, { parameters: options.parameters, catalogue });
  const { conn, opened } = await openValidateInput(input, options);
  try {
    // A connection Assay opened reads the input and nothing else (docs/security.md); a borrowed
    // one stays as its owner configured it.
    if (!(input instanceof RawDuckDBConnection)) await lockDown(conn, opened.files, options.allowRead);
    const now = options.now ?? new Date();
    const runId = options.runId ?? randomUUID();
    const history = keepValidationHistory(options.runs, checked, { asset: options.asset, now, runId });
    const reach = openReach(conn, { connections: options.connections, allowRead: options.allowRead });
    const result = await runSuite(conn, opened.relation, checked, {
      ...history?.options,
      reach,
      now,
      catalogue,
      resultFormat: options.resultFormat,
      dataSource: opened.description,
      runId,
      classifyError: (err) => classifyDataError(err, opened),
      onQuery: options.onQuery,
    }).finally(() => reach.close());
    await history?.record(result);
    // The object the JSON file holds: non-finite numbers as their names, as JSON has no spelling for them.
    return JSON.parse(toJson(result)) as SuiteValidationResult;
  } finally {
    await conn.close();
  }
}

/** A DuckDB connection reading the input (borrowed when the input is one), and the relation to read. */
export async function openValidateInput(
  input: ValidateInput,
  o: Pick<ValidateOptions, 'table' | 'sql' | 'format' | 'csv'>,
): Promise<{ conn: DuckDBConnection; opened: OpenedInput }> {
  if (input instanceof RawDuckDBConnection) {
    if (!o.table && !o.sql) throw new AssayUsageError('a DuckDB connection needs the table option or the sql option');
    const conn = DuckDBConnection.borrow(input);
    return { conn, opened: await openInput(conn, { table: o.sql ? undefined : o.table, sql: o.sql }) };
  }
  const conn = await DuckDBConnection.open();
  try {
    if (isArqueroTable(input) || (Array.isArray(input) && typeof input[0] !== 'string')) {
      const records = !isArqueroTable(input);
      const table = records ? recordsTable(input as Record<string, unknown>[]) : (input as ColumnTable);
      const rows = await registerTable(conn, 'assay_input', table);
      const what = `${records ? 'records' : 'arquero table'} (${rows} rows)`;
      const opened = o.sql
        ? await openInput(conn, { sql: o.sql }, 'assay_query')
        : { relation: conn.dialect.ident('assay_input'), files: [] };
      return { conn, opened: { ...opened, description: o.sql ? `SQL query over ${what}` : what } };
    }
    const paths = typeof input === 'string' ? [input] : [...(input as readonly string[])];
    if (paths.length === 0) throw new AssayUsageError('give at least one input path or glob');
    const duckdbFile = paths.length === 1 && isDuckDBFile(paths[0]!) ? paths[0] : undefined;
    if (duckdbFile && !o.table && !o.sql)
      throw new AssayUsageError(`${duckdbFile} is a DuckDB database: give the table option or the sql option`, { path: duckdbFile });
    const spec = duckdbFile ? { duckdbFile, table: o.table } : { paths, format: o.format, csv: o.csv };
    return { conn, opened: await openInput(conn, { ...spec, sql: o.sql }) };
  } catch (err) {
    await conn.close();
    throw err;
  }
}
