// The words of the engine, shared by expectations, dialects, the CLI and reports.
// See docs/glossary.md for the prose version.

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type ResultFormatName = 'BOOLEAN_ONLY' | 'BASIC' | 'SUMMARY' | 'COMPLETE';

/** Great Expectations' result_format, normalised from its string or dict form. */
export interface ResultFormat {
  result_format: ResultFormatName;
  partial_unexpected_count: number;
  /** Columns returned beside each unexpected value (GE: unexpected_index_column_names). */
  unexpected_index_column_names?: string[];
  include_unexpected_rows?: boolean;
  return_unexpected_index_query?: boolean;
}

/** Where an expectation is written, for error messages and CI annotations. */
export interface SourceLocation {
  file?: string;
  line?: number;
  column?: number;
  /** 0-based position in the suite's expectation list. */
  index?: number;
}

export interface ExpectationConfig {
  type: string;
  kwargs: Record<string, unknown>;
  severity: Severity;
  meta?: Record<string, unknown>;
  /** Not part of the result's expectation_config; kept for messages. */
  location?: SourceLocation;
}

export interface Suite {
  name: string;
  /** Optional default data (a path, glob or table) the suite is written for. */
  data?: unknown;
  /**
   * Columns that identify a row (a primary key). Samples of unexpected values come back with
   * them (GE's result_format unexpected_index_column_names), unless an expectation names its own.
   */
  key?: string[];
  /** The data asset whose history the suite's runs keep in the metric store (default: the name). */
  asset?: string;
  expectations: ExpectationConfig[];
  meta?: Record<string, unknown>;
  /** The evaluation parameters (and parameter expressions) its kwargs took values from. */
  parameters?: Record<string, UsedParameter>;
  /** The file the suite was read from, when it was read from one. */
  file?: string;
}

/** A parameter a suite used, for the run's record: its value and where it was set. */
export interface UsedParameter {
  value: unknown;
  /** `pipeline.yml:7`, `--param`, the suite's file name, or `expression` for a computed one. */
  from: string;
}

export interface Column {
  name: string;
  /** The engine's own type name, upper-case (DuckDB: BIGINT, VARCHAR, TIMESTAMP, DECIMAL(10,2), ...). */
  type: string;
}

/** A SQL fragment. Identifiers in it were quoted and values rendered by the dialect. */
export type Sql = string;

export type Row = Record<string, unknown>;

/** Runs one read-only query; results are cached by SQL text within a validation. */
export type QueryRunner = (sql: Sql) => Promise<Row[]>;

/** What an expectation's judge returns: GE's `success` and `result` objects. */
export interface Judgement {
  success: boolean;
  result: Record<string, unknown>;
}

export type ExpectationFamily = 'column_map' | 'column_pair_map' | 'multicolumn_map' | 'column_aggregate' | 'table' | 'query';

/** A JSON Schema object (draft-07 subset used by ajv). */
export type JsonSchema = Record<string, unknown>;

/**
 * One expectation type: one file in `expectations/`, default-exported.
 * `plan` asks for scalar aggregate metrics, all of which the engine fuses into ONE scan
 * of the table (identical SQL is computed once). `judge` turns them into a result and may
 * run extra queries (duplicates, distinct sets, samples) through `run`, which caches by SQL.
 */
export interface ExpectationDefinition<K = any> {
  type: string;
  family: ExpectationFamily;
  /** One line for `assay expectations`. */
  description: string;
  /** JSON Schema of the kwargs specific to this type (common kwargs are added by family). */
  schema: JsonSchema;
  /** Plain words for reports: "values of amount between 0 and 100000". */
  sentence(kwargs: K): string;
  /** Columns the expectation reads; a missing one fails the expectation before planning. */
  columns(kwargs: K): string[];
  /**
   * Checks of the kwargs that a JSON Schema cannot express (bounds in order, one query),
   * run when the suite is loaded; throws InvalidKwargsError. Also call it from plan.
   */
  check?(kwargs: K): void;
  plan(ctx: Ctx<K>): Record<string, Sql>;
  judge(ctx: Ctx<K>, metrics: Row, run: QueryRunner): Judgement | Promise<Judgement>;
}

/** What an expectation sees while planning and judging. Built by the engine per expectation. */
export interface Ctx<K = any> {
  dialect: import('../dialects/base.js').Dialect;
  /** The relation under test, ready to put after FROM. */
  table: Sql;
  columns: Column[];
  kwargs: K;
  resultFormat: ResultFormat;
  /** The compiled row_condition, or null. Already applied by `agg`, `count` and `from`. */
  where: Sql | null;
  /** Quoted identifier of a column; throws MissingColumnError when it does not exist. */
  col(name: string): Sql;
  /** The column's engine type. */
  typeOf(name: string): string;
  /**
   * An aggregate restricted to the row condition and an optional extra predicate, spelled by
   * the dialect: `{ fn: 'max', arg: c }`, `{ fn: 'count_distinct', arg: [a, b] }`.
   */
  agg(node: import('../dialects/base.js').Aggregate, cond?: Sql | null): Sql;
  /** `count(*)` of rows matching the row condition and `cond`. */
  count(cond?: Sql | null): Sql;
  /** `FROM <table> WHERE <row condition> [AND cond]` for follow-up queries. */
  from(cond?: Sql | null): Sql;
  /**
   * Like `from`, but the relation carries a 0-based row number column `__assay_row`
   * (file order), for unexpected index lists.
   */
  fromNumbered(cond?: Sql | null): Sql;
  /** The run's clock: one instant for the whole validation (`--now`, ASSAY_NOW, or the start). */
  now: Date;
  /** The asset's past runs in the metric store, for history-aware checks; null when none is kept. */
  history: import('../history/store.js').HistoryView | null;
  /** The engines this validation may reach besides its own (a cross-engine reconciliation); null when none. */
  reach: Reach | null;
}

/** The engines a validation may reach besides its own (src/connections/reach.ts opens them). */
export interface Reach {
  /** The connection of the table under test. */
  self: import('./connection.js').Connection;
  /** A named connection of the project's config, opened read-only on first use. */
  connection(name: string): Promise<import('./connection.js').Connection>;
  /** The DuckDB where keys and hashes from other engines meet: `self` when it is one. */
  scratch(): Promise<import('../connections/duckdb.js').DuckDBConnection>;
}

// ---- results -------------------------------------------------------------

export interface ExceptionInfo {
  raised_exception: boolean;
  exception_message: string | null;
  exception_traceback: string | null;
}

export interface ExpectationResult {
  expectation_config: {
    type: string;
    kwargs: Record<string, unknown>;
    severity: Severity;
    meta: Record<string, unknown>;
  };
  success: boolean;
  result: Record<string, unknown>;
  exception_info: ExceptionInfo;
  /** Where the expectation is written (file, line), for reports and annotations. */
  location?: SourceLocation;
}

export interface ValidationStatistics {
  evaluated_expectations: number;
  successful_expectations: number;
  unsuccessful_expectations: number;
  success_percent: number | null;
}

export interface RunInfo {
  id: string;
  start_time: string;
  end_time: string;
  data_source: string;
  engine: { name: string; version: string };
  assay_version: string;
}

export interface SuiteValidationResult {
  success: boolean;
  suite_name: string;
  statistics: ValidationStatistics;
  results: ExpectationResult[];
  meta: Record<string, unknown>;
  run: RunInfo;
}
