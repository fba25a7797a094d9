// `assay run <pipeline.yml>`: one run of a pipeline (or, with --schedule, a run on every tick
// of a cron expression, never two at once). Exit codes as for `validate`: 0 the gate is open,
// 1 it closed and nothing was loaded, 2 a usage or pipeline error (or the pipeline is already
// running), 3 a source or target could not be read or written.
// The options only; the pipeline machinery is in ./run-action.ts, loaded when the command runs.
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Severity } from '../engine/types.js';
import type { LogFormat } from '../log.js';
import { collectParam } from './suite.js';
import { addLogOptions } from './validate.js';
import { AssayUsageError } from '../errors.js';

export interface RunCliOptions {
  /** The runs folder (default: the config's runs, else the pipeline's <state_dir>/runs). */
  runs?: string;
  failOn?: Severity;
  strict?: boolean;
  dryRun?: boolean;
  force?: boolean;
  limit?: number;
  schedule?: string;
  maxRuns?: number;
  stateDir?: string;
  now?: string;
  param?: Record<string, unknown>;
  quiet?: boolean;
  json?: boolean;
  logLevel: string;
  logFormat?: LogFormat;
}

const positiveInt = (what: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${what} must be a positive whole number`);
  return n;
};

export function registerRunCommand(program: Command): void {
  const cmd = program
    .command('run')
    .description('run a pipeline: stage sources, extract, validate, transform, meta-validate, and load only what passes the gate')
    .argument('<pipeline>', 'pipeline file (YAML)')
    .option('--strict', 'strict gate whatever the pipeline says: any failed error-severity or meta expectation blocks the load')
    .option('--dry-run', 'run everything but the load')
    .option('--force', 'read staged files even if an earlier run loaded them')
    .option('--limit <n>', 'trial run on the first N rows of each source; never loads', positiveInt('--limit'))
    .option('--schedule <cron>', 'keep running, starting the pipeline on this cron expression (runs never overlap)')
    .addOption(new Option('--max-runs <n>', 'with --schedule: stop after N runs').argParser(positiveInt('--max-runs')))
    .option(
      '--state-dir <dir>',
      "ledger and lock, and run folders unless --runs or the config says (default: the pipeline's state_dir, or .assay beside it)",
    )
    .option(
      '--runs <dir>',
      "save each run's folder and report here, with the index and the metric store (default: the config's runs, else <state_dir>/runs)",
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        "lowest severity whose failure closes a strict or quarantine gate (default: the config's failOn, else error)",
      )
        .choices(['error', 'warning', 'info'])
        .default('error'),
    )
    .option('-p, --param <name=value>', 'value for a {"$PARAMETER": name} kwarg of its suites (repeatable; read as YAML)', collectParam, {})
    .option('--now <time>', "the run's clock, ISO date/time (UTC unless it has an offset); default $ASSAY_NOW, else the system clock")
    .option('--json', 'print the run result as JSON instead of the summary')
    .option('-q, --quiet', 'print nothing but errors');
  addLogOptions(cmd).action(async (file: string, options: RunCliOptions, command: Command) => {
    if (options.maxRuns && !options.schedule) throw new AssayUsageError('--max-runs applies to --schedule');
    const { runOnce, runScheduled } = await import('./run-action.js');
    const { withRunSettings } = await import('./project.js');
    const o = await withRunSettings(command, options);
    process.exitCode = o.schedule ? await runScheduled(file, o) : await runOnce(file, o);
  });
}
