import { existsSync } from 'node:fs';
import type { RunContext } from '../context.js';

/**
 * Test hook: wait inside the load's transaction, before its commit, so a test can kill the run
 * there, or start another run against the same target. The wait ends after
 * ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS, or as soon as the file ASSAY_TEST_RESUME_FILE exists.
 */
export async function pauseBeforeCommit(ctx: RunContext): Promise<void> {
  const ms = Number(process.env.ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS ?? 0);
  if (!(ms > 0)) return;
  const resume = process.env.ASSAY_TEST_RESUME_FILE;
  ctx.log.info({ ms }, 'pausing before commit (ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS)');
  process.stderr.write(`assay: paused before commit for ${ms} ms\n`);
  const until = Date.now() + ms;
  while (Date.now() < until && !(resume && existsSync(resume))) await new Promise((r) => setTimeout(r, 50));
}
