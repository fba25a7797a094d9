// Every temporary folder the tests make (theirs, and the CLI processes' they start) goes under one
// folder per test run, removed when the run ends: a developer's /tmp does not fill up with
// thousands of assay-* folders. A failed run's folder is removed too; set ASSAY_KEEP_TMP=1 to
// keep it for a post-mortem.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup(): () => void {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-tests-'));
  process.env.TMPDIR = dir;
  return () => {
    if (process.env.ASSAY_KEEP_TMP) return;
    rmSync(dir, { recursive: true, force: true });
  };
}
