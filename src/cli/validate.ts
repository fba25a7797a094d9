// `assay validate`: the options only. The work (DuckDB, the catalogue, reports) is in
// ./validate-action.ts, loaded when the command runs so that other commands don't pay for it.
import { Option, type Command } from 'commander';
import type { ResultFormatName, Severity } from '../engine/types.js';
import { addInputOptions, type InputCliOptions } from './input-options.js';
import { collectParam } from './suite.js';

export interface ValidateCliOptions extends InputCliOptions {
  suite?: string;
  json?: string;
  html?: string;
  junit?: string;
  markdown?: string;
  runs?: string;
  /** The data asset whose history --runs keeps (default: the suite's asset, else its name). */
  asset?: string;
  /** The run's clock, ISO (default: ASSAY_NOW, else the system clock). */
  now?: string;
  /** Values for `{"$PARAMETER": ...}` kwargs. */
  param?: Record<string, unknown>;
  resultFormat: ResultFormatName;
  failOn: Severity;
  /** Files and folders the suite may read besides the inputs (the sandbox admits nothing else). */
  allowRead?: string[];
  /** `validate <server>`: a named connection of the config file. */
  connection?: string;
  /** The config file's named connections, which a suite's other_connection names. */
  namedConnections?: Record<string, { env: string }>;
}

export function addLogOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--log-level <level>', 'log level')
        .choices(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
        .default('warn'),
    )
    .addOption(
      new Option('--log-format <format>', 'log format on stderr (default: pretty on a terminal, json otherwise)').choices([
        'json',
        'pretty',
      ]),
    );
}

export function registerValidateCommand(program: Command): void {
  const cmd = addInputOptions(
    program
      .command('validate')
      .description(
        'validate files (CSV, TSV, Parquet, JSON, NDJSON; gzip), a DuckDB table, or a table of a server engine in place (`validate postgres --table s.t`, `validate spark --table db.t`) against a suite',
      )
      .option('-s, --suite <file>', 'suite file (Assay YAML, or Great Expectations JSON 0.x/1.x); default: the one suite of the config')
      .option('--json <file>', 'write the JSON result to this file')
      .option('--html <file>', 'write the HTML report (self-contained, opens from disk)')
      .option('--junit <file>', 'write JUnit XML: one testcase per expectation')
      .option('--markdown <file>', 'write a Markdown summary (e.g. "$GITHUB_STEP_SUMMARY")')
      .option(
        '--runs <dir>',
        'also save the run under <dir>/<run-id>/, record its metrics in <dir>/history.duckdb and update <dir>/index.html (see assay docs, assay history)',
      )
      .option('--asset <name>', "the data asset whose metric history --runs keeps (default: the suite's asset, else its name)")
      .option('-p, --param <name=value>', 'value for a {"$PARAMETER": name} kwarg (repeatable; read as YAML)', collectParam, {})
      .option('--now <time>', "the run's clock, ISO date/time (UTC unless it has an offset); default $ASSAY_NOW, else the system clock")
      .addOption(
        new Option('--result-format <format>', 'detail of each result')
          .choices(['BOOLEAN_ONLY', 'BASIC', 'SUMMARY', 'COMPLETE'])
          .default('BASIC'),
      )
      .addOption(
        new Option('--fail-on <severity>', 'lowest severity whose failure closes the gate (exit 1)')
          .choices(['error', 'warning', 'info'])
          .default('error'),
      ),
    'validate',
  )
    .option(
      '--allow-read <path...>',
      "a file or folder the suite may read besides the inputs, e.g. a reconciliation's other_table (repeatable; the suite itself cannot widen the sandbox)",
    )
    .option('--connection <name>', 'server engine: a connection named in the config file (the variable it names holds the URL)')
    .option('-q, --quiet', 'print nothing but errors');
  addLogOptions(cmd).action(async (inputs: string[], o: ValidateCliOptions, command: Command) => {
    const { runValidate } = await import('./validate-action.js');
    const { withProjectSettings } = await import('./project.js');
    process.exitCode = await runValidate(inputs, await withProjectSettings(command, o));
  });
}
