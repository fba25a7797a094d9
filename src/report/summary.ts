// The readable summary `assay validate` prints: what failed, what was observed, a few
// unexpected values, and the gate's verdict.
import { atOrAbove } from '../engine/gate.js';
import type { ExpectationResult, Severity, SuiteValidationResult } from '../engine/types.js';

const MAX_VALUES = 5;

function short(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function pct(p: unknown): string {
  return typeof p === 'number' ? `${p < 0.01 && p > 0 ? p.toExponential(1) : Number(p.toFixed(2))}%` : '';
}

/** One line describing what was observed for a result. */
export function observed(r: ExpectationResult): string {
  if (r.exception_info.raised_exception) return `error: ${r.exception_info.exception_message}`;
  const res = r.result;
  if ('unexpected_count' in res) {
    const parts = [
      `${res.unexpected_count} unexpected of ${res.element_count}${res.unexpected_percent != null ? ` (${pct(res.unexpected_percent)})` : ''}`,
    ];
    const sample = (res.partial_unexpected_list as unknown[] | undefined) ?? [];
    if (sample.length)
      parts.push(
        `e.g. ${sample
          .slice(0, MAX_VALUES)
          .map((v) => short(v, 30))
          .join(', ')}`,
      );
    const rows = (res.partial_unexpected_index_list as unknown[] | null | undefined) ?? [];
    if (rows.length && rows.every((r) => typeof r === 'number'))
      parts.push(`rows ${rows.slice(0, MAX_VALUES).join(', ')}${rows.length > MAX_VALUES ? ', …' : ''}`);
    return parts.join('; ');
  }
  if ('observed_value' in res) return `observed ${short(res.observed_value)}`;
  return '';
}

export function formatSummary(
  result: SuiteValidationResult,
  opts: { failOn: Severity; color?: boolean; describe?: (r: ExpectationResult) => string },
): string {
  const c = (code: number, s: string) => (opts.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  lines.push(`Suite ${result.suite_name} on ${result.run.data_source} (${result.run.engine.name} ${result.run.engine.version})`);
  result.results.forEach((r, i) => {
    const sev = r.expectation_config.severity;
    const mark = r.success ? c(32, '✓') : atOrAbove(sev, opts.failOn) ? c(31, '✗') : c(33, '!');
    const what = opts.describe?.(r) ?? r.expectation_config.type;
    const where = r.location?.line ? ` (line ${r.location.line})` : '';
    const line = `${mark} ${String(i + 1).padStart(3)} ${sev.padEnd(7)} ${what}${where}`;
    lines.push(r.success ? line : `${line}\n        ${observed(r)}`);
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
  return lines.join('\n');
}
