// The readable summary `assay validate` prints: what failed, what was observed (in the words
// of every report: observedLine), a few unexpected values, and the gate's verdict.
import { atOrAbove } from '../engine/gate.js';
import type { ExpectationResult, Severity, SuiteValidationResult } from '../engine/types.js';
import { guardCommands, oneLine } from './plain-text.js';
import { observedLine } from './run-report.js';

export function formatSummary(
  result: SuiteValidationResult,
  opts: { failOn: Severity; color?: boolean; describe?: (r: ExpectationResult) => string },
): string {
  const c = (code: number, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  lines.push(
    `Suite ${oneLine(result.suite_name)} on ${oneLine(result.run.data_source)} (${result.run.engine.name} ${result.run.engine.version})`,
  );
  result.results.forEach((r, i) => {
    const sev = r.expectation_config.severity;
    const mark = r.success ? c(32, '✓') : atOrAbove(sev, opts.failOn) ? c(31, '✗') : c(33, '!');
    const what = oneLine(opts.describe?.(r) ?? r.expectation_config.type);
    const where = r.location?.line ? ` (line ${r.location.line})` : '';
    const line = `${mark} ${String(i + 1).padStart(3)} ${sev.padEnd(7)} ${what}${where}`;
    lines.push(r.success ? line : `${line}\n        ${oneLine(observedLine(r))}`);
  });
  const s = result.statistics;
  const failed = result.results.filter((r) => !r.success);
  const bySev = (['error', 'warning', 'info'] as const)
    .map((v) => [v, failed.filter((r) => r.expectation_config.severity === v).length] as const)
    .filter(([, n]) => n > 0);
  const blocking = failed.filter((r) => atOrAbove(r.expectation_config.severity, opts.failOn)).length;
  lines.push('');
  lines.push(
    `${s.evaluated_expectations} expectations: ${s.successful_expectations} passed, ${s.unsuccessful_expectations} failed` +
      (bySev.length ? ` (${bySev.map(([v, n]) => `${n} ${v}`).join(', ')})` : '') +
      ` — gate ${blocking ? c(31, 'CLOSED') : c(32, 'OPEN')} (fail-on ${opts.failOn})`,
  );
  return guardCommands(lines.join('\n'));
}
