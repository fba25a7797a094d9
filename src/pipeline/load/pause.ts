import type { RunContext } from '../context.js';

/** Test hook: wait inside the load's transaction, before its commit, so a test can kill the run there. */
export async function pauseBeforeCommit(ctx: RunContext): Promise<void> {
  const ms = Number(process.env.ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS ?? 0);
  if (!(ms > 0)) return;
  ctx.log.info({ ms }, 'pausing before commit (ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS)');
  process.stderr.write(`assay: paused before commit for ${ms} ms\n`);
  await new Promise((r) => setTimeout(r, ms));
}
