// What `assay run` prints: the steps, what failed, the gate's verdict and why, what was loaded
// or quarantined, and where the run's files are.
import path from 'node:path';
import { atOrAbove } from '../engine/gate.js';
import type { ExpectationResult } from '../engine/types.js';
import { guardCommands, oneLine } from '../report/plain-text.js';
import { observedLine } from '../report/run-report.js';
import type { PipelineRunResult } from './types.js';

export function formatRunSummary(
  r: PipelineRunResult,
  opts: { color?: boolean; describe?: (e: ExpectationResult) => string; cwd?: string } = {},
): string {
  const c = (code: number, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const rel = (p: string) => {
    const r2 = path.relative(opts.cwd ?? process.cwd(), p);
    return r2 && !r2.startsWith('..') ? r2 : p;
  };
  const lines: string[] = [];
  const flags = [
    r.options.strict && '--strict',
    r.options.dry_run && '--dry-run',
    r.options.limit !== null && `--limit ${r.options.limit}`,
    r.options.force && '--force',
  ].filter(Boolean);
  lines.push(`Pipeline ${r.pipeline}, run ${r.id}${flags.length ? ` (${flags.join(' ')})` : ''}`);

  const bySource = new Map<string, { all: number; skipped: number }>();
  for (const f of r.staged_files) {
    const s = bySource.get(f.source) ?? { all: 0, skipped: 0 };
    s.all++;
    if (f.skipped) s.skipped++;
    bySource.set(f.source, s);
  }
  for (const [source, s] of bySource)
    lines.push(`  source ${source}: ${s.all} file${s.all === 1 ? '' : 's'}${s.skipped ? `, ${s.skipped} already loaded (skipped)` : ''}`);

  let v = 0;
  let m = 0;
  for (const step of r.steps) {
    if (step.skipped) {
      lines.push(`  ${c(90, '-')} ${step.kind}${step.table ? ` ${step.table}` : ''}: skipped`);
      continue;
    }
    if (step.kind === 'extract' || step.kind === 'transform') {
      lines.push(`  ${c(32, '✓')} ${step.kind} ${step.table}: ${step.rows?.toLocaleString('en-US')} rows`);
      continue;
    }
    const result = step.kind === 'meta' ? r.meta_validations[m++] : r.suites[v++];
    const title =
      step.kind === 'meta'
        ? `meta ${step.suite}`
        : step.kind === 'validate_target'
          ? `validate target ${step.table} (suite ${step.suite}, before commit)`
          : step.kind === 'reconcile'
            ? `reconcile target ${step.table} (${step.suite}, before commit)`
            : `validate ${step.table}${step.in_place ? ' in PostgreSQL' : ''} (suite ${step.suite})`;
    lines.push(...suiteLines(title, result?.results ?? [], c, opts.describe));
  }
  // The meta-validation the run added at the end, when validations followed the last meta step.
  for (const extra of r.meta_validations.slice(m)) lines.push(...suiteLines(`meta ${extra.suite_name}`, extra.results, c, opts.describe));

  const q = r.quarantine.filter((x) => x.rows > 0);
  for (const x of q)
    lines.push(
      `  quarantine: ${x.rows.toLocaleString('en-US')} failing row${x.rows === 1 ? '' : 's'} of ${x.table}${x.removed ? ', held back from the load,' : ''} → ${rel(x.file)}`,
    );

  lines.push('');
  if (r.status === 'error') lines.push(`${c(31, 'ERROR')}: ${r.error}`);
  else if (r.status === 'nothing_new')
    lines.push(`Nothing new: every staged file was loaded by an earlier run (--force to read them again).`);
  else {
    const g = r.gate_decision!;
    const verdict = g.open ? c(32, 'OPEN') : c(31, 'CLOSED');
    lines.push(`Gate ${verdict} (${g.policy})${g.reasons.length ? ':' : ''}`);
    for (const reason of g.reasons.slice(0, 10)) lines.push(`  - ${reason}`);
    if (g.reasons.length > 10) lines.push(`  - … and ${g.reasons.length - 10} more`);
    if (r.status === 'loaded' && r.load) {
      lines.push(
        `Loaded ${r.load.rows.toLocaleString('en-US')} rows into ${r.load.target} (${r.load.mode})${r.load.added_columns.length ? `; new columns: ${r.load.added_columns.join(', ')}` : ''}.`,
      );
    } else if (r.status === 'blocked')
      lines.push(
        r.steps.some((s) => s.kind === 'validate_target' || s.kind === 'reconcile')
          ? 'Nothing was loaded: the load was rolled back, the target is as it was.'
          : 'Nothing was loaded.',
      );
    else if (r.options.dry_run || r.options.limit !== null)
      lines.push(`Nothing was loaded (${r.options.dry_run ? '--dry-run' : '--limit'}).`);
    else lines.push('Nothing to load (the pipeline has no load).');
  }
  lines.push(`Run folder: ${rel(r.run_dir)}`);
  if (r.files.html) lines.push(`  report: ${rel(r.files.html)}`);
  lines.push(`  result: ${rel(r.files.result)}`);
  lines.push(`  log:    ${rel(r.files.log)}`);
  return guardCommands(lines.join('\n'));
}

function suiteLines(
  title: string,
  results: ExpectationResult[],
  c: (code: number, s: string) => string,
  describe?: (e: ExpectationResult) => string,
): string[] {
  const failed = results.filter((e) => !e.success);
  const blocking = failed.filter((e) => atOrAbove(e.expectation_config.severity, 'error'));
  const mark = blocking.length ? c(31, '✗') : failed.length ? c(33, '!') : c(32, '✓');
  const out = [`  ${mark} ${oneLine(title)}: ${results.length - failed.length}/${results.length} passed`];
  for (const e of failed.slice(0, 8)) {
    const what = oneLine(describe?.(e) ?? e.expectation_config.type);
    out.push(`      ${e.expectation_config.severity.padEnd(7)} ${what}`);
    const seen = oneLine(observedLine(e));
    if (seen) out.push(`              ${seen}`);
  }
  if (failed.length > 8) out.push(`      … and ${failed.length - 8} more`);
  return out;
}
