// `assay run` at work: one pipeline run, or a run on every tick of a cron expression.
// Loaded by ./run.ts (and by `assay demo`) when the command runs.
import { Cron } from 'croner';
import type { Catalogue } from '../engine/catalogue.js';
import { reportDescriber } from '../report/run-report.js';
import { resolveNow } from '../history/clock.js';
import { terminalProgress } from '../pipeline/progress.js';
import { runPipeline, type RunOptions } from '../pipeline/run.js';
import { formatRunSummary } from '../pipeline/summary.js';
import type { PipelineRunResult } from '../pipeline/types.js';
import { describeError, exitCodeFor } from './errors.js';
import { commandCatalogue } from './project.js';
import type { RunCliOptions } from './run.js';
import { AssayUsageError, EXIT } from '../errors.js';

function runOptions(o: RunCliOptions, catalogue: Catalogue): RunOptions {
  return {
    catalogue,
    strict: o.strict,
    dryRun: o.dryRun,
    force: o.force,
    limit: o.limit ?? null,
    stateDir: o.stateDir,
    runs: o.runs,
    failOn: o.failOn,
    now: resolveNow(o.now),
    parameters: o.param,
    parametersFrom: '--param',
    logLevel: o.logLevel,
    logFormat: o.logFormat,
    progress: o.quiet || o.json ? undefined : terminalProgress(),
  };
}

async function print(result: PipelineRunResult, o: RunCliOptions, catalogue: Catalogue): Promise<void> {
  if (o.quiet) return;
  if (o.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  const describe = await reportDescriber(catalogue, result);
  process.stdout.write(`${formatRunSummary(result, { color: process.stdout.isTTY, describe })}\n`);
}

export async function runOnce(file: string, o: RunCliOptions, catalogue?: Catalogue): Promise<number> {
  catalogue ??= await commandCatalogue();
  const outcome = await runPipeline(file, runOptions(o, catalogue));
  // A run that started has a result (and a folder) even when it failed: show it, then the error.
  if (outcome.run) await print(outcome.run, o, catalogue);
  if (outcome.status === 'error') throw outcome.error;
  return outcome.run.exit_code;
}

/** Runs on every tick of the cron expression until interrupted (or --max-runs). A failed run is reported and the schedule goes on. */
export async function runScheduled(file: string, o: RunCliOptions): Promise<number> {
  const catalogue = await commandCatalogue();
  let runs = 0;
  let last: number = EXIT.OK;
  let finish: () => void = () => {};
  const finished = new Promise<void>((resolve) => (finish = resolve));
  let job: Cron;
  const tick = async () => {
    runs++;
    try {
      last = await runOnce(file, o, catalogue);
    } catch (err) {
      last = exitCodeFor(err);
      process.stderr.write(`${describeError(err)}\n`);
    }
    if (o.maxRuns && runs >= o.maxRuns) {
      job.stop();
      finish();
    } else if (!o.quiet) {
      const next = job.nextRun();
      process.stdout.write(next ? `Next run: ${next.toISOString()}\n\n` : '');
    }
  };
  try {
    // protect: a tick that comes while the previous run is still going is skipped, not queued.
    job = new Cron(
      o.schedule!,
      {
        protect: () => process.stderr.write(`assay: skipped the run due at ${new Date().toISOString()}: the previous run is still going\n`),
      },
      tick,
    );
  } catch (err) {
    throw new AssayUsageError(`--schedule: invalid cron expression ${JSON.stringify(o.schedule)}: ${(err as Error).message}`);
  }
  if (!o.quiet) process.stdout.write(`Scheduled ${file} on "${o.schedule}"; first run ${job.nextRun()?.toISOString()}. Ctrl-C stops.\n`);
  const stop = () => {
    job.stop();
    // A run in progress finishes (its load is one transaction either way) before the process ends.
    const wait = () => (job.isBusy() ? setTimeout(wait, 100) : finish());
    wait();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await finished;
  process.off('SIGINT', stop);
  process.off('SIGTERM', stop);
  return last;
}
