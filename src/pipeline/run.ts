// One run of a pipeline, top to bottom: sources, then the steps in their order (extract,
// validate, meta, transform, validate, meta), the gate, the load (with validate_target, its
// target validated again before COMMIT), the report. The gate is a pure function of the
// results and the policy (./gate.ts); the load happens in one transaction, or not at all.
// Every run leaves a folder with its result, report, log and quarantine, and a row in the
// ledger; two runs of one pipeline never overlap (./lock.ts).
import path from 'node:path';
import { openConnection } from '../connections/index.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import { loadCatalogue, type Catalogue } from '../engine/catalogue.js';
import type { Severity } from '../engine/types.js';
import type { LogFormat } from '../log.js';
import { redactText } from '../log.js';
import { loadPipeline } from './config.js';
import type { RunContext } from './context.js';
import { Env } from './env.js';
import { decideGate } from './gate.js';
import { markAbandoned, recordIntent, recordRunEnd, recordRunStart, settleRun } from './ledger.js';
import { describeTarget, loadData, type BeforeCommit } from './load/index.js';
import { acquireLock } from './lock.js';
import { notify } from './notify.js';
import { askTarget, reconcile } from './reconcile.js';
import { noProgress, type Progress } from './progress.js';
import { buildResult, writeResult, type Outcome } from './result.js';
import { createResultsTable } from './results-table.js';
import { asFault } from './faults.js';
import { newRunId, pruneWorkDatabases, runFolder, runLogger, runsDirOf, type RunFolder } from './run-folder.js';
import { stageSources, type Staged } from './sources/index.js';
import { metaCheck, needsFinalMeta, newRunState, runStep } from './steps.js';
import { judgeAgain, targetCheck } from './target-check.js';
import { targetReconcile } from './target-reconcile.js';
import { reasonOf } from './retry.js';
import type { Pipeline, PipelineRunResult, RunStatus } from './types.js';
import { EXIT, exitCodeOf } from '../errors.js';

export interface RunOptions {
  /** --strict: the strict gate whatever the pipeline says. */
  strict?: boolean;
  /** --dry-run: everything but the load. */
  dryRun?: boolean;
  /** --force: read staged files an earlier run already loaded. */
  force?: boolean;
  /** --limit N: the first N rows of each source; never loads. */
  limit?: number | null;
  /** Overrides the pipeline's state_dir. */
  stateDir?: string;
  /**
   * The runs folder: each run's folder, the index of runs and the metric store (as `assay
   * validate --runs`; default `<state_dir>/runs`).
   */
  runs?: string;
  /** The lowest severity whose failure closes a strict or quarantine gate (as `assay validate --fail-on`; default error). */
  failOn?: Severity;
  /** The run's clock (`--now`); default the moment the run starts. */
  now?: Date;
  /** Values for the suites' `{"$PARAMETER": ...}` kwargs (`--param`); they override the file's `params:`. */
  parameters?: Record<string, unknown>;
  /** How the run's record names where `parameters` came from (default `runPipeline parameters`; the CLI says `--param`). */
  parametersFrom?: string;
  logLevel?: string;
  logFormat?: LogFormat;
  progress?: Progress;
  /** The expectation types the pipeline's suites may use (default: the built-in ones). */
  catalogue?: Catalogue;
}

/** `fn()`, its error passed through `wrap`. */
function guard<T>(fn: () => T, wrap: (err: unknown) => unknown): T {
  try {
    return fn();
  } catch (err) {
    throw wrap(err);
  }
}

/**
 * How a run ended. A run that failed is a result too: `error` is what stopped it, `run` its
 * record (its folder, log and report exist), or null when it never started (an invalid file,
 * a pipeline that is already running).
 */
export type PipelineOutcome =
  | { status: 'loaded' | 'validated' | 'blocked' | 'nothing-new'; run: PipelineRunResult }
  | { status: 'error'; error: unknown; run: PipelineRunResult | null };

/** Runs a pipeline (a file, or one loadPipeline() read); never throws for the run's own failure. */
export async function runPipeline(pipelineOrFile: string | Pipeline, opts: RunOptions = {}): Promise<PipelineOutcome> {
  try {
    const catalogue = opts.catalogue ?? (await loadCatalogue());
    const started = new Date();
    const now = opts.now ?? started;
    const pipeline =
      typeof pipelineOrFile === 'string'
        ? await loadPipeline(pipelineOrFile, catalogue, {
            parameters: opts.parameters,
            parametersFrom: opts.parametersFrom ?? 'runPipeline parameters',
            now,
          })
        : { ...pipelineOrFile };
    if (opts.stateDir) pipeline.stateDir = path.resolve(opts.stateDir);
    if (opts.runs) pipeline.runsDir = path.resolve(opts.runs);
    if (opts.failOn) pipeline.failOn = opts.failOn;
    return await runLoaded(pipeline, catalogue, started, now, opts);
  } catch (error) {
    return { status: 'error', error, run: null };
  }
}

async function runLoaded(pipeline: Pipeline, catalogue: Catalogue, started: Date, now: Date, opts: RunOptions): Promise<PipelineOutcome> {
  const policy = opts.strict ? 'strict' : pipeline.gate;
  const limit = opts.limit ?? null;
  const options = { strict: !!opts.strict, dry_run: !!opts.dryRun, limit, force: !!opts.force };
  const runId = newRunId(pipeline.name);

  // A state folder that cannot be written (read-only, full) is the machine's fault: exit 3.
  const stateFault = (err: unknown) => asFault(err, `cannot write the state folder ${pipeline.stateDir}`, pipeline.stateDir);
  const lock = guard(() => acquireLock(pipeline.stateDir, pipeline.name, runId), stateFault);
  let folder: RunFolder;
  let logger: ReturnType<typeof runLogger>;
  try {
    folder = runFolder(runsDirOf(pipeline), runId);
    logger = runLogger(folder.log, { level: opts.logLevel, format: opts.logFormat });
  } catch (err) {
    lock.release();
    throw stateFault(err);
  }
  const { log, close: closeLog } = logger;
  const env = new Env(pipeline.dir);
  let conn: DuckDBConnection | null = null;
  let staged: Staged = { inputs: [], files: [], nothingNew: false };
  const state = newRunState(policy, []);
  let outcome: Outcome = { status: 'error', exitCode: EXIT.INTERNAL, gate: null, load: null };
  let failure: unknown;
  let ctx: RunContext | undefined;
  // Set once the ledger holds the load's intent (the staged files count as loaded).
  let intentRecorded = false;
  try {
    if (lock.takenOver) {
      log.warn({ previous: lock.takenOver }, 'took over the lock of a run that ended without finishing');
      await markAbandoned(pipeline.stateDir, lock.takenOver.run_id);
    }
    await recordRunStart(pipeline.stateDir, {
      run_id: runId,
      pipeline: pipeline.name,
      pipeline_file: pipeline.file,
      started_at: started.toISOString(),
      run_dir: folder.dir,
      target: pipeline.load ? describeTarget(pipeline.load) : null,
    });
    log.info({ run_id: runId, pipeline: pipeline.name, file: pipeline.file, policy, ...options }, 'run started');
    if (pipeline.unusedParameters)
      log.warn({ parameters: pipeline.unusedParameters }, 'parameters that no suite of the pipeline uses (a misspelt name?)');
    conn = await openConnection({ kind: 'duckdb', path: folder.work });
    ctx = {
      pipeline,
      catalogue,
      runId,
      runDir: folder.dir,
      conn,
      env,
      log,
      progress: opts.progress ?? noProgress,
      limit,
      force: !!opts.force,
      now,
    };

    // 1. Sources: staged files, PostgreSQL queries and HTTP endpoints become views (after the
    // ledger has learned the fate of any earlier load it does not know the end of).
    await reconcile(ctx);
    staged = await stageSources(ctx);
    state.inputs = staged.inputs;
    if (staged.nothingNew) {
      log.info('every staged file was loaded by an earlier run; nothing to do (--force reads them again)');
      outcome = { status: 'nothing_new', exitCode: EXIT.OK, gate: null, load: null };
    } else {
      // 2. Steps, in the pipeline's order: extract, validate, meta, transform, validate, meta.
      await createResultsTable(conn);
      for (const [i, step] of pipeline.steps.entries()) await runStep(ctx, state, step, i);
      if (needsFinalMeta(state)) await metaCheck(ctx, state, state.lastMetaSuite);

      // 3. The gate.
      const gate = decideGate(policy, state.rows, state.metas, pipeline.failOn);
      log.info({ gate }, `gate ${gate.open ? 'open' : 'closed'}`);

      // 4. The load: only through an open gate, never on a trial (--dry-run, --limit). With
      // validate_target the target is validated again before the load commits, and the gate
      // decided again: closed, the load rolls back (./target-check.ts).
      const trial = options.dry_run || limit !== null;
      if (!gate.open) outcome = { status: 'blocked', exitCode: EXIT.GATE_CLOSED, gate, load: null };
      else if (trial || !pipeline.load) outcome = { status: 'validated', exitCode: EXIT.OK, gate, load: null };
      else {
        const again = judgeAgain(ctx, state);
        const spec = pipeline.load;
        const checks = [
          ...(spec.validateTarget ? [targetCheck(ctx, state, spec, again)] : []),
          ...(spec.reconcile ? [targetReconcile(ctx, state, spec, again)] : []),
        ];
        const beforeCommit: BeforeCommit = async (conn, relation, files) => {
          for (const check of checks) if (!(await check.beforeCommit(conn, relation, files))) return false;
          return true;
        };
        const files = staged.files;
        const intent = async () => {
          await recordIntent(pipeline.stateDir, runId, pipeline.name, files);
          intentRecorded = true;
        };
        const load = await loadData(ctx, spec, { ...(checks.length ? { beforeCommit } : {}), intent }).finally(() => again.flush());
        const final =
          checks
            .map((check) => check.gate)
            .filter((g) => g !== undefined)
            .at(-1) ?? gate;
        if (!load) {
          log.info({ gate: final }, 'the target failed its re-validation; the load was rolled back');
          outcome = { status: 'blocked', exitCode: EXIT.GATE_CLOSED, gate: final, load: null };
        } else {
          log.info({ load }, 'loaded');
          outcome = { status: 'loaded', exitCode: EXIT.OK, gate: final, load };
        }
      }
    }
  } catch (caught) {
    const err = asFault(caught, 'the run stopped');
    failure = err;
    const message = redactText(err instanceof Error ? err.message : String(err));
    outcome = { ...outcome, status: 'error', exitCode: exitCodeOf(err), error: message };
    log.error({ error: message }, 'run failed');
  }

  // 5. The ledger, the report, the notification: whatever happened above. A run that cannot
  // record its end fails (exit 3), even when its load committed: nothing is left unsaid.
  let result = buildResult(pipeline, runId, started, folder, options, state, staged.files, outcome);
  try {
    let status: RunStatus | 'committing' = outcome.status;
    if (intentRecorded && outcome.status !== 'loaded') {
      // The load failed after its intent was recorded: ask the target whether it committed. If
      // it cannot be asked, the run stays `committing` and the next run asks again.
      const committed = await askTarget(ctx!, runId).catch((err) => {
        log.warn({ error: reasonOf(err) }, 'cannot tell whether the load committed; the next run will ask the target again');
        return null;
      });
      if (committed === null) status = 'committing';
      else await settleRun(pipeline.stateDir, runId, committed, null);
    }
    await recordRunEnd(pipeline.stateDir, {
      run_id: runId,
      status,
      gate: result.gate,
      exit_code: outcome.exitCode,
      rows_loaded: outcome.load?.rows ?? null,
      message: outcome.error ?? result.gate_reasons?.[0] ?? null,
    });
  } catch (err) {
    const reason = redactText(String((err as Error)?.message ?? err));
    log.error({ error: reason }, 'cannot record the run in the ledger');
    if (outcome.exitCode < EXIT.USAGE) {
      const loaded = outcome.load
        ? `the load committed (${outcome.load.rows} rows into ${outcome.load.target}) and its files count as loaded, but the end of the run could not be recorded: `
        : 'the end of the run could not be recorded: ';
      failure ??= Object.assign(err as object, { message: loaded + reason });
      outcome = { ...outcome, exitCode: EXIT.DATA, error: loaded + reason };
      result = buildResult(pipeline, runId, started, folder, options, state, staged.files, outcome);
    }
  }
  try {
    result = await writeResult(result, folder, runsDirOf(pipeline), conn, catalogue);
  } catch (err) {
    log.error({ error: redactText(String((err as Error)?.message ?? err)) }, 'cannot write the report');
    failure ??= asFault(err, `cannot write the run's report in ${folder.dir}`, folder.dir);
  }
  await conn?.close();
  try {
    const pruned = pruneWorkDatabases(runsDirOf(pipeline), pipeline.name, runId);
    if (pruned.length) log.info({ pruned }, `removed the working databases of ${pruned.length} older run(s)`);
  } catch (err) {
    log.warn({ error: reasonOf(err) }, 'cannot remove the working databases of older runs');
  }
  if (pipeline.notify) await notify(pipeline.notify.webhookEnv, env, result, log);
  log.info({ status: outcome.status, exit_code: outcome.exitCode }, 'run ended');
  lock.release();
  closeLog();
  if (failure !== undefined || result.status === 'error' || result.status === 'running')
    return { status: 'error', error: failure ?? new Error(result.error ?? 'the run did not finish'), run: result };
  return { status: result.status === 'nothing_new' ? 'nothing-new' : result.status, run: result };
}
