// Every error Assay throws on purpose, and the exit codes they stand for. A library caller
// catches these by class and reads `code` (stable, machine-readable), `path` (the file, table
// or source it is about) and `message`; the CLI alone turns them into exit codes (exitCodeFor).
// Anything that is not an AssayError is a bug in Assay.
import { oneLine } from './report/plain-text.js';

// Exit codes are part of Assay's contract: documented in the README, never change meaning.
export const EXIT = {
  /** The gate is open: no expectation at or above --fail-on failed. */
  OK: 0,
  /** An expectation at or above the --fail-on severity failed: the gate is closed. */
  GATE_CLOSED: 1,
  /** Usage error, or a suite/pipeline that is invalid (including a suite with no expectations). */
  USAGE: 2,
  /** The data could not be read (missing or malformed file, dropped database connection). */
  DATA: 3,
  /** An internal error: a bug in Assay. */
  INTERNAL: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export interface AssayErrorOptions {
  /** A stable, machine-readable kind, e.g. `invalid_suite`, `data_access`. */
  code?: string;
  /** The file, table or source the error is about. */
  path?: string;
  cause?: unknown;
}

/** The base of every error Assay throws on purpose: a user error (exit code 2) unless a subclass says otherwise. */
export class AssayError extends Error {
  override name = 'AssayError';
  readonly code: string;
  readonly path?: string;

  constructor(message: string, options: AssayErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = options.code ?? 'assay_error';
    if (options.path !== undefined) this.path = options.path;
  }
}

/** A wrong call or command line (missing option, conflicting flags, an input that cannot be told apart). */
export class AssayUsageError extends AssayError {
  override name = 'AssayUsageError';
  constructor(message: string, options: AssayErrorOptions = {}) {
    super(message, { code: 'usage', ...options });
  }
}

/** The data could not be read: unreadable file, missing table, dropped connection (exit code 3). */
export class AssayDataError extends AssayError {
  override name = 'AssayDataError';
  constructor(message: string, path?: string, options: { cause?: unknown } = {}) {
    super(message, { code: 'data_access', path, ...options });
  }
}

// ---- configuration files: every issue at once ------------------------------------------

export type ConfigIssueCode =
  | 'read_error'
  | 'yaml_syntax'
  | 'invalid_suite'
  | 'unknown_key'
  | 'empty_suite'
  | 'unknown_type'
  | 'invalid_kwarg'
  | 'unknown_kwarg'
  | 'missing_kwarg'
  | 'unresolved_parameter'
  | 'invalid_pipeline'
  | 'invalid_config'
  | 'secret_in_config'
  | 'too_large'
  | 'too_deep'
  | 'forbidden_key'
  | 'not_finite';

export interface ConfigIssue {
  code: ConfigIssueCode;
  file?: string;
  line?: number;
  column?: number;
  /** 0-based index of the expectation the issue is about. */
  index?: number;
  /** The expectation's type as written, for the message prefix. */
  expectationType?: string;
  /** JSON pointer into the document, e.g. /expectations/3/kwargs/min_value. */
  path: string;
  message: string;
}

/**
 * A configuration file is wrong (Soda's ADR-03: every issue of the file is collected and
 * reported at once, each with file:line:column). `code` is the first issue's; all are in `issues`.
 */
export class AssayConfigError extends AssayError {
  override name = 'AssayConfigError';
  constructor(readonly issues: ConfigIssue[]) {
    super(formatIssues(issues), { code: issues[0]?.code ?? 'invalid_config', path: issues.find((i) => i.file)?.file });
  }

  /** One line per issue: `file:line:col: expectation 3 (type): message`. */
  format(): string {
    return formatIssues(this.issues);
  }
}

/** A suite (YAML, or Great Expectations JSON) that cannot be read or is invalid. */
export class AssaySuiteError extends AssayConfigError {
  override name = 'AssaySuiteError';
}

/** A pipeline file that cannot be read or is invalid. */
export class AssayPipelineError extends AssayConfigError {
  override name = 'AssayPipelineError';
}

/**
 * The catalogue of expectation types cannot be built: a type defined twice (a project's type
 * named like a built-in one), or a project's expectation file that cannot be loaded or defines
 * no type. `path` is the file.
 */
export class AssayCatalogueError extends AssayError {
  override name = 'AssayCatalogueError';
  constructor(message: string, path?: string) {
    super(message, { code: 'invalid_catalogue', path });
  }
}

/** A project's own module (a config file, a custom expectation) that cannot be imported. */
export class AssayModuleError extends AssayError {
  override name = 'AssayModuleError';
  constructor(message: string, path?: string) {
    super(message, { code: 'module_load', path });
  }
}

export function formatIssue(issue: ConfigIssue): string {
  const where = [issue.file ?? '<suite>', issue.line, issue.line !== undefined ? issue.column : undefined]
    .filter((part) => part !== undefined)
    .join(':');
  const what = issue.index === undefined ? '' : `expectation ${issue.index}${issue.expectationType ? ` (${issue.expectationType})` : ''}: `;
  return oneLine(`${where}: ${what}${issue.message}`);
}

export function formatIssues(issues: ConfigIssue[]): string {
  return issues.map(formatIssue).join('\n');
}

// ---- inside a validation: these become an expectation's exception_info, not a failed run ----

/** A column named in kwargs that the table does not have. */
export class MissingColumnError extends AssayError {
  override name = 'MissingColumnError';
  constructor(
    readonly column: string,
    readonly available: string[],
  ) {
    super(`column "${column}" does not exist; the table has: ${available.map((c) => JSON.stringify(c)).join(', ')}`, {
      code: 'missing_column',
    });
  }
}

/** Kwargs that pass the schema but cannot be used (e.g. min_value > max_value). */
export class InvalidKwargsError extends AssayError {
  override name = 'InvalidKwargsError';
  constructor(message: string, options: AssayErrorOptions = {}) {
    super(message, { code: 'invalid_kwargs', ...options });
  }
}

/** A row_condition that cannot be translated to SQL. */
export class RowConditionError extends AssayError {
  override name = 'RowConditionError';
  constructor(message: string, options: AssayErrorOptions = {}) {
    super(message, { code: 'invalid_row_condition', ...options });
  }
}

// ---- outputs and pipelines ------------------------------------------------------------------

/** A result or report cannot be written where the user asked. */
export class AssayOutputError extends AssayError {
  override name = 'AssayOutputError';
  constructor(message: string, options: AssayErrorOptions = {}) {
    super(message, { code: 'output', ...options });
  }
}

/** An extract or transform step of a pipeline failed; the message names its line. */
export class StepError extends AssayError {
  override name = 'StepError';
  constructor(message: string, options: AssayErrorOptions = {}) {
    super(message, { code: 'step_failed', ...options });
  }
}

/** A load refused before writing a row (an incompatible column type, a duplicate key). */
export class LoadError extends AssayError {
  override name = 'LoadError';
  constructor(message: string, options: AssayErrorOptions = {}) {
    super(message, { code: 'load_failed', ...options });
  }
}

/** Another run of the pipeline holds its lock: runs of one pipeline never overlap. */
export class PipelineBusyError extends AssayError {
  override name = 'PipelineBusyError';
  constructor(
    message: string,
    readonly pipeline: string,
    readonly lockFile: string,
  ) {
    super(message, { code: 'pipeline_busy', path: lockFile });
  }
}

/**
 * The machine or a file stopped the run, not the data and not Assay: a folder that cannot be
 * written, a full disk, a damaged ledger, a target another run holds. Exit code 3; the message
 * says what to do.
 */
export class AssayEnvironmentError extends AssayDataError {
  override name = 'AssayEnvironmentError';
}

/** Another run kept loading the same target longer than `load.lock_timeout`; nothing was written. */
export class TargetBusyError extends AssayEnvironmentError {
  override name = 'TargetBusyError';
}

/** The run ledger cannot be opened, read or written. */
export class LedgerError extends AssayEnvironmentError {
  override name = 'LedgerError';
}

/** The exit code an error stands for: data errors 3, other Assay errors 2, anything else (a bug) 4. */
export function exitCodeOf(err: unknown): ExitCode {
  if (err instanceof AssayDataError) return EXIT.DATA;
  if (err instanceof AssayError) return EXIT.USAGE;
  return EXIT.INTERNAL;
}
