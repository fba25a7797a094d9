// Settling loads whose outcome the ledger does not know: a run recorded its load's intent (its
// files count as loaded) and then died, or failed, or could not record its end. The target
// holds the answer: the load's receipt was committed with its rows (./load/marker.ts).
import { AssayDataError } from '../errors.js';
import type { RunContext } from './context.js';
import { settleRun, unsettledRuns } from './ledger.js';
import { describeTarget, targetLockFile } from './load/index.js';
import { loadCommitted } from './load/marker.js';
import { acquireTargetLock } from './lock.js';
import { reasonOf } from './retry.js';

/** Whether `runId`'s load into the pipeline's target committed; asked under the target's lock (a DuckDB file has one writer). */
export async function askTarget(ctx: RunContext, runId: string): Promise<boolean> {
  const spec = ctx.pipeline.load!;
  const file = targetLockFile(spec);
  const lock = file ? await acquireTargetLock(file, ctx.runId, describeTarget(spec), { timeoutMs: spec.lockTimeoutMs }) : undefined;
  try {
    return await loadCommitted(ctx.conn, ctx.env, spec, runId, ctx.pipeline.name);
  } finally {
    lock?.release();
  }
}

/** Before a run reads the ledger's loaded files: every earlier run of the pipeline that stopped while committing is settled. */
export async function reconcile(ctx: RunContext): Promise<void> {
  const { pipeline, log } = ctx;
  for (const run of await unsettledRuns(pipeline.stateDir, pipeline.name)) {
    const spec = pipeline.load;
    if (!spec || run.target !== describeTarget(spec)) {
      // The pipeline loads elsewhere now: the old target is not ours to ask. Loading twice is
      // the worse mistake, so the files stay loaded; the message says how to load them again.
      const message = `stopped while committing its load into ${run.target}; the pipeline no longer loads there, so whether that load committed is unknown: its files count as loaded (--force reads them again)`;
      log.warn({ run_id: run.run_id }, message);
      await settleRun(pipeline.stateDir, run.run_id, true, { status: 'abandoned', message });
      continue;
    }
    let committed: boolean;
    try {
      committed = await askTarget(ctx, run.run_id);
    } catch (err) {
      throw new AssayDataError(
        `run ${run.run_id} stopped while committing its load into ${run.target}, and the target cannot be asked whether that load committed (${reasonOf(err)}); ` +
          'nothing was loaded this time: run again when the target can be read',
        run.target ?? undefined,
        { cause: err },
      );
    }
    const message = committed
      ? `its load committed; the ledger learned it from the target on run ${ctx.runId}`
      : 'stopped before its load committed; its files are read again';
    log.warn({ run_id: run.run_id, committed }, `an earlier run stopped while committing: ${message}`);
    await settleRun(pipeline.stateDir, run.run_id, committed, { status: committed ? 'loaded' : 'abandoned', message });
  }
}
