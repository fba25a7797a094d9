// The words of pipelines: a checked pipeline file with every path resolved, and what a run reports.
import type { FileFormat } from '../engine/sources.js';
import type { ResultFormatName, Severity, SourceLocation, Suite, SuiteValidationResult, UsedParameter } from '../engine/types.js';
import type { RunReport } from '../report/run-report.js';

export type GatePolicy = 'strict' | 'quarantine' | 'warn';
export type LoadMode = 'append' | 'replace' | 'upsert';

export interface Retries {
  attempts: number;
  backoffMs: number;
}

export interface FileSource {
  kind: 'files';
  name: string;
  /** Absolute paths or globs. */
  paths: string[];
  format?: FileFormat;
  csv?: { delimiter?: string; header?: boolean; quote?: string; null?: string[]; types?: Record<string, string> };
  incremental: boolean;
  location: SourceLocation;
}

export interface PostgresSource {
  kind: 'postgres';
  name: string;
  urlEnv: string;
  /** The query (`sql:`), or `SELECT * FROM <table>` for a table source. */
  sql: string;
  /** `table:` as written (schema.table, PostgreSQL's spelling): a table validated where it lives. */
  table?: string;
  /** Copied into the run (a view of the working database). A table source is copied only when SQL or a `validate: {table: …}` names it. */
  land: boolean;
  batchSize: number;
  retries: Retries;
  location: SourceLocation;
}

/** A Spark (or Databricks SQL) table or query, validated where it lives; never copied into the run. */
export interface SparkSource {
  kind: 'spark';
  name: string;
  urlEnv: string;
  /** The query (`sql:`), or `SELECT * FROM <table>` for a table source. */
  sql: string;
  /** `table:` as written (db.table, Spark's spelling). */
  table?: string;
  retries: Retries;
  location: SourceLocation;
}

/** A source on a database server, which `validate: {source: …}` validates in place. */
export type ServerSource = PostgresSource | SparkSource;

export interface HttpSource {
  kind: 'http';
  name: string;
  url: string;
  headers: Record<string, string>;
  headersEnv: Record<string, string>;
  records?: string;
  pages?: { param: string; size: number; sizeParam?: string; start: number; maxPages: number };
  timeoutMs: number;
  retries: Retries;
  location: SourceLocation;
}

export type Source = FileSource | PostgresSource | SparkSource | HttpSource;

export type Step =
  | { kind: 'extract' | 'transform'; table: string; sql: string; sqlFile?: string; location: SourceLocation }
  | {
      kind: 'validate';
      /** A table of the working database, or (with `source`) the name of the PostgreSQL source. */
      table: string;
      /** `validate: {source: …}`: the PostgreSQL source, validated in PostgreSQL (no copy). */
      source?: ServerSource;
      suite: Suite;
      resultFormat: ResultFormatName;
      location: SourceLocation;
    }
  | { kind: 'meta'; suite?: Suite; location: SourceLocation };

export type Target =
  | { type: 'duckdb'; path: string }
  | { type: 'postgres'; urlEnv: string; schema: string; batchSize: number }
  | { type: 'parquet'; dir: string };

export interface LoadSpec {
  target: Target;
  table: string;
  /** The working table to load. */
  from: string;
  mode: LoadMode;
  keys: string[];
  /** `lock_timeout`: how long the load waits while another run loads the same target. */
  lockTimeoutMs: number;
  /** `validate_target`: re-validates the target table after the load, before it commits (./target-check.ts). */
  validateTarget?: Suite;
  /** `reconcile`: the target compared by key with its source before the load commits (./target-reconcile.ts). */
  reconcile?: { key: string[]; compareColumns?: string[]; source: string };
  location: SourceLocation;
}

export interface Pipeline {
  name: string;
  file: string;
  /** The folder relative paths resolve against. */
  dir: string;
  stateDir: string;
  sources: Source[];
  steps: Step[];
  load?: LoadSpec;
  gate: GatePolicy;
  notify?: { webhookEnv: string };
  /** The evaluation parameters its suites used, with where each was set (the run's record). */
  parameters?: Record<string, UsedParameter>;
  /** Parameters given (in `params:` or to the run) that no suite uses: a misspelt name, most likely. */
  unusedParameters?: string[];
  /** Set by the run's options (the config's runs, --runs): the runs folder; default `<stateDir>/runs`. */
  runsDir?: string;
  /** Set by the run's options (the config's failOn, --fail-on): the lowest severity that closes the gate; default error. */
  failOn?: Severity;
}

export type RunStatus = 'running' | 'loaded' | 'blocked' | 'validated' | 'nothing_new' | 'error';

export interface StagedFile {
  source: string;
  path: string;
  sha256: string;
  bytes: number;
  /** Already loaded by an earlier run (same content): not read this time. */
  skipped: boolean;
}

export interface StepRecord {
  index: number;
  /** validate_target and reconcile: the load's checks of its target, after the steps. */
  kind: Step['kind'] | 'validate_target' | 'reconcile';
  table?: string;
  suite?: string;
  rows?: number;
  success?: boolean;
  /** Validated where it lives (a PostgreSQL source, or the load's target), not in the working database. */
  in_place?: string;
  skipped?: boolean;
  duration_ms?: number;
}

export interface QuarantineRecord {
  table: string;
  rows: number;
  file: string;
  /** True when the rows were also removed from the table (gate: quarantine). */
  removed: boolean;
}

export interface LoadRecord {
  target: string;
  table: string;
  mode: LoadMode;
  rows: number;
  added_columns: string[];
}

export interface GateDecision {
  policy: GatePolicy;
  open: boolean;
  /** Why it is closed (or, for warn, what it let through), in words. */
  reasons: string[];
}

/** The run's JSON result: a run report (what the HTML report renders) plus what the pipeline did. */
export interface PipelineRunResult extends RunReport {
  pipeline: string;
  pipeline_file: string;
  status: RunStatus;
  exit_code: number;
  options: { strict: boolean; dry_run: boolean; limit: number | null; force: boolean };
  gate_decision: GateDecision | null;
  staged_files: StagedFile[];
  steps: StepRecord[];
  /** Every meta-validation of the run, in order; `meta_validation` is the one that decided. */
  meta_validations: SuiteValidationResult[];
  quarantine: QuarantineRecord[];
  load: LoadRecord | null;
  run_dir: string;
  files: { result: string; log: string; html?: string; validation_results?: string };
  /** The evaluation parameters the run's suites used: value, and where it was set (`pipeline.yml:7`, `--param`, ...). */
  parameters?: Record<string, UsedParameter>;
  error?: string;
}
