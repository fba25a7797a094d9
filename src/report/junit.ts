// JUnit XML, as CI systems read test results (Jenkins, GitLab, Azure DevOps, GitHub test
// reporters): a <testsuite> per suite result, a <testcase> per expectation.
//
// JUnit knows pass, failure, error and skipped, but not severities. A failed expectation at or
// above --fail-on (it closes the gate) is a <failure>, or an <error> when it raised; one below
// (a warning that lets the data through) is <skipped> with the reason, so the CI page shows it
// without marking the build red when the gate is open. Test names are the expectation's type
// and plain words, stable across runs, so CI history can follow an expectation.
import os from 'node:os';
import type { ExpectationResult } from '../engine/types.js';
import {
  countResults,
  describer,
  durationMs,
  formatValue,
  isBlocking,
  observedLine,
  suiteEntries,
  unexpectedRows,
  unexpectedSample,
  type Describe,
  type RunReport,
} from './run-report.js';

export interface JunitOptions {
  describe?: Describe;
  /** Shown as the testsuite hostname; defaults to this machine's. */
  hostname?: string;
}

// XML 1.0 forbids these characters even escaped; they are replaced, not dropped, so a reader
// sees that something was there.
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '\uFFFD').replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
}

export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

const seconds = (ms: number | null) => ((ms ?? 0) / 1000).toFixed(3);

/** The body of a failure: everything a developer needs without opening the HTML report. */
function details(r: ExpectationResult, sentence: string): string {
  const lines = [`${r.expectation_config.type} (${r.expectation_config.severity}): ${sentence}`];
  if (r.location?.file || r.location?.line) lines.push(`at ${r.location.file ?? 'suite'}${r.location.line ? `:${r.location.line}` : ''}`);
  lines.push(observedLine(r, 500));
  const sample = unexpectedSample(r);
  if (sample.length)
    lines.push(
      `unexpected values: ${sample
        .slice(0, 20)
        .map((s) => `${formatValue(s.value, 60)}${s.count && s.count > 1 ? ` (×${s.count})` : ''}`)
        .join(', ')}`,
    );
  const rows = unexpectedRows(r);
  if (rows.length)
    lines.push(
      `rows: ${rows
        .slice(0, 50)
        .map((v) => formatValue(v, 40))
        .join(', ')}`,
    );
  if (r.exception_info?.exception_traceback) lines.push('', r.exception_info.exception_traceback);
  lines.push('', `kwargs: ${formatValue(r.expectation_config.kwargs, 2000)}`);
  return lines.join('\n');
}

export function renderJunit(report: RunReport, opts: JunitOptions = {}): string {
  const describe = opts.describe ?? describer();
  const hostname = opts.hostname ?? os.hostname();
  const entries = suiteEntries(report);
  const total = countResults(entries.flatMap((e) => e.suite.results));
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  const suites: string[] = [];
  for (const { suite, isMeta } of entries) {
    const name = isMeta ? `meta-validation: ${suite.suite_name}` : suite.suite_name;
    let sFailures = 0;
    let sErrors = 0;
    let sSkipped = 0;
    const seen = new Map<string, number>();
    const cases = suite.results.map((r) => {
      const sentence = describe(r);
      let caseName = `${r.expectation_config.type}: ${sentence}`;
      const n = (seen.get(caseName) ?? 0) + 1;
      seen.set(caseName, n);
      if (n > 1) caseName += ` [${n}]`;
      const open = `    <testcase name="${xmlAttr(caseName)}" classname="${xmlAttr(name)}" time="0">`;
      if (r.success) return `${open}</testcase>`;
      const raised = r.exception_info?.raised_exception === true;
      const message = raised ? (r.exception_info.exception_message ?? 'exception') : observedLine(r, 300);
      const body = xmlText(details(r, sentence));
      if (!isBlocking(r, report.fail_on)) {
        sSkipped++;
        const why = `${r.expectation_config.severity} (below --fail-on ${report.fail_on}, does not close the gate): ${message}`;
        return `${open}\n      <skipped message="${xmlAttr(why)}"/>\n      <system-out>${body}</system-out>\n    </testcase>`;
      }
      if (raised) {
        sErrors++;
        const errType = /^(\w+Error)\b/.exec(r.exception_info.exception_message ?? '')?.[1] ?? 'Error';
        return `${open}\n      <error message="${xmlAttr(message)}" type="${xmlAttr(errType)}">${body}</error>\n    </testcase>`;
      }
      sFailures++;
      return `${open}\n      <failure message="${xmlAttr(message)}" type="${xmlAttr(r.expectation_config.type)}">${body}</failure>\n    </testcase>`;
    });
    failures += sFailures;
    errors += sErrors;
    skipped += sSkipped;
    const props: [string, string][] = [
      ['run_id', report.id],
      ['data_source', suite.run.data_source],
      ['engine', `${suite.run.engine.name} ${suite.run.engine.version}`],
      ['assay_version', suite.run.assay_version],
      ['fail_on', report.fail_on],
      ['gate', report.gate],
    ];
    suites.push(
      `  <testsuite name="${xmlAttr(name)}" tests="${suite.results.length}" failures="${sFailures}" errors="${sErrors}" skipped="${sSkipped}" ` +
        `time="${seconds(durationMs(suite.run.start_time, suite.run.end_time))}" timestamp="${xmlAttr(junitTimestamp(suite.run.start_time))}" hostname="${xmlAttr(hostname)}">\n` +
        `    <properties>\n${props.map(([k, v]) => `      <property name="${xmlAttr(k)}" value="${xmlAttr(v)}"/>`).join('\n')}\n    </properties>\n` +
        `${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`,
    );
  }
  out.push(
    `<testsuites name="${xmlAttr(`assay ${report.title ?? ''}`.trim())}" tests="${total.evaluated}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(durationMs(report.start_time, report.end_time))}">`,
  );
  out.push(...suites, '</testsuites>', '');
  return out.join('\n');
}

/** Ant's JUnit timestamp: ISO 8601 without a zone (UTC here), as Jenkins and GitLab expect. */
function junitTimestamp(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().slice(0, 19);
}
