// A compact Markdown summary: the gate, the counts, and a table of failed expectations, for
// $GITHUB_STEP_SUMMARY, a merge-request comment or a chat message. GitHub renders it as
// GitHub-flavoured Markdown and strips scripts, but data is still escaped so that a value such
// as `<b>` or `a|b` shows as written and cannot break the table.
import type { ExpectationResult } from '../engine/types.js';
import {
  countResults,
  countRun,
  describer,
  durationMs,
  formatDuration,
  formatPercent,
  isBlocking,
  observedLine,
  severityRank,
  statusOf,
  suiteEntries,
  type Describe,
  type RunReport,
} from './run-report.js';

export interface MarkdownOptions {
  describe?: Describe;
  /** Most failed expectations listed (the rest are counted). */
  maxFailures?: number;
  /** Most passed expectations listed in the collapsed section. */
  maxPassed?: number;
  /** A line pointing at the full report (e.g. "HTML report: out/report.html, in the run's artifacts"). */
  footer?: string;
}

/** Text safe inside a Markdown table cell: no HTML, no emphasis or links, no cell breaks. */
export function mdText(s: string): string {
  return s
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}|~#!])/g, '\\$1');
}

/** Only for identifiers we know are plain (expectation types, severities). */
const code = (s: string) => `\`${s.replace(/`/g, '')}\``;

function icon(r: ExpectationResult, report: RunReport): string {
  if (r.success) return '✅';
  if (!isBlocking(r, report.fail_on)) return r.expectation_config.severity === 'info' ? 'ℹ️' : '⚠️';
  return '❌';
}

export function renderMarkdown(report: RunReport, opts: MarkdownOptions = {}): string {
  const describe = opts.describe ?? describer();
  const maxFailures = opts.maxFailures ?? 50;
  const maxPassed = opts.maxPassed ?? 100;
  const entries = suiteEntries(report);
  const c = countRun(report);
  const open = report.gate === 'open';
  const lines: string[] = [];
  lines.push(`### ${open ? '✅' : '❌'} Assay: ${mdText(report.title ?? 'run')} — gate ${open ? 'open' : 'closed'}`, '');
  const bySev = (['error', 'warning', 'info'] as const)
    .filter((s) => c.failedBySeverity[s] > 0)
    .map((s) => `${c.failedBySeverity[s]} ${s}`);
  const facts = [
    report.data_sources.map(mdText).join(', '),
    `${c.evaluated} expectations: ${c.passed} passed, ${c.failed} failed${bySev.length ? ` (${bySev.join(', ')})` : ''}${c.errors ? `, ${c.errors} raised an error` : ''}`,
    `fails on ${code(report.fail_on)}`,
    formatDuration(durationMs(report.start_time, report.end_time)),
  ].filter(Boolean);
  lines.push(facts.join(' · '), '');
  if (report.gate_reasons?.length) {
    for (const reason of report.gate_reasons) lines.push(`- ${mdText(reason)}`);
    lines.push('');
  }

  if (entries.length > 1) {
    lines.push('| suite | data | passed | failed |', '| --- | --- | ---: | ---: |');
    for (const e of entries) {
      const sc = countResults(e.suite.results);
      lines.push(
        `| ${e.suite.success ? '✅' : '❌'} ${e.isMeta ? 'meta-validation: ' : ''}${mdText(e.suite.suite_name)} | ${mdText(e.suite.run.data_source)} | ${sc.passed} (${formatPercent(e.suite.statistics.success_percent)}) | ${sc.failed} |`,
      );
    }
    lines.push('');
  }

  const failed = entries
    .flatMap((e) => e.suite.results.map((r, i) => ({ r, i, suite: e.suite.suite_name })))
    .filter(({ r }) => !r.success)
    // Gate-closing failures first, then by severity, then suite order.
    .sort(
      (a, b) =>
        Number(isBlocking(b.r, report.fail_on)) - Number(isBlocking(a.r, report.fail_on)) ||
        severityRank(b.r.expectation_config.severity) - severityRank(a.r.expectation_config.severity),
    );
  if (failed.length) {
    const multi = entries.length > 1;
    lines.push(`**Failed expectations**`, '');
    lines.push(`| | severity | expectation | observed | where |`, '| --- | --- | --- | --- | --- |');
    for (const { r, suite } of failed.slice(0, maxFailures)) {
      const where = r.location?.file
        ? `${r.location.file}${r.location.line ? `:${r.location.line}` : ''}`
        : r.location?.line
          ? `line ${r.location.line}`
          : '';
      const status = statusOf(r) === 'error' ? ' (raised)' : '';
      lines.push(
        `| ${icon(r, report)} | ${r.expectation_config.severity}${status} | ${multi ? `${mdText(suite)}: ` : ''}${code(r.expectation_config.type)} ${mdText(describe(r))} | ${mdText(observedLine(r, 160))} | ${mdText(where)} |`,
      );
    }
    if (failed.length > maxFailures)
      lines.push('', `… and ${failed.length - maxFailures} more failed expectations (see the HTML report or JUnit file).`);
    lines.push('');
  }

  const passed = entries.flatMap((e) => e.suite.results).filter((r) => r.success);
  if (passed.length) {
    lines.push(`<details><summary>${passed.length} passed</summary>`, '');
    for (const r of passed.slice(0, maxPassed)) lines.push(`- ${code(r.expectation_config.type)} ${mdText(describe(r))}`);
    if (passed.length > maxPassed) lines.push(`- … and ${passed.length - maxPassed} more`);
    lines.push('', '</details>', '');
  }
  if (opts.footer) lines.push(mdText(opts.footer), '');
  lines.push(`<sub>Run ${mdText(report.id)} · Assay</sub>`, '');
  return lines.join('\n');
}
