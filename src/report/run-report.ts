// The run report: what every report format renders. `assay validate` makes one holding one
// suite result; a pipeline run makes one holding a result per validated table plus its
// meta-validation. HTML, JUnit, Markdown and annotations are pure functions of it (and of the
// catalogue's sentences), so the CLI and the pipeline render the same way.
import { atOrAbove, gateOpen } from '../engine/gate.js';
import type { Catalogue } from '../engine/catalogue.js';
import type { ExpectationResult, Severity, SuiteValidationResult } from '../engine/types.js';
import { SEVERITIES } from '../engine/types.js';
import { historyLine } from './history-wording.js';
import { differencesLine, differencesOf } from './differences.js';

export interface RunReport {
  /** The run's id; also its folder name under a runs folder (see runPaths). */
  id: string;
  /** What ran: a pipeline's name, or the suite name for a `validate`. */
  title?: string;
  /** The gate's state after the run: closed means nothing was (or should be) loaded. */
  gate: 'open' | 'closed';
  /** Lowest severity whose failure closes the gate. */
  fail_on: Severity;
  /** Why the gate is closed, in words, when the producer knows better than the counts. */
  gate_reasons?: string[];
  data_sources: string[];
  start_time: string;
  end_time: string;
  /** One result per validated table (suite), in run order. */
  suites: SuiteValidationResult[];
  /** The suite run over the results themselves (pipelines); its outcome decides the gate. */
  meta_validation?: SuiteValidationResult;
}

export type Status = 'passed' | 'failed' | 'error';

/** A suite result together with its place in the run, for renderers. */
export interface SuiteEntry {
  suite: SuiteValidationResult;
  /** 1-based position, for anchors; the meta-validation is 0. */
  position: number;
  isMeta: boolean;
}

export function runReportFromResult(result: SuiteValidationResult, opts: { failOn?: Severity; title?: string } = {}): RunReport {
  const failOn = opts.failOn ?? 'error';
  return {
    id: result.run.id,
    title: opts.title ?? result.suite_name,
    gate: gateOpen(result, failOn) ? 'open' : 'closed',
    fail_on: failOn,
    data_sources: [result.run.data_source],
    start_time: result.run.start_time,
    end_time: result.run.end_time,
    suites: [result],
  };
}

export function isRunReport(value: unknown): value is RunReport {
  return (
    typeof value === 'object' && value !== null && Array.isArray((value as RunReport).suites) && typeof (value as RunReport).id === 'string'
  );
}

export function isSuiteResult(value: unknown): value is SuiteValidationResult {
  const v = value as SuiteValidationResult;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof v.suite_name === 'string' &&
    Array.isArray(v.results) &&
    typeof v.run === 'object' &&
    v.run !== null
  );
}

/** A saved JSON result of either shape (one suite's result, or a run report) as a run report. */
export function toRunReport(value: unknown, opts: { failOn?: Severity } = {}): RunReport {
  if (isRunReport(value)) {
    return {
      ...value,
      suites: value.suites.map(normalizeSuite),
      meta_validation: value.meta_validation && normalizeSuite(value.meta_validation),
    };
  }
  if (isSuiteResult(value)) return runReportFromResult(normalizeSuite(value), opts);
  throw new Error('not an Assay result: expected a suite validation result (assay validate --json) or a run report');
}

/** Fills what an older or hand-edited result may lack, so renderers need no guards. */
function normalizeSuite(s: SuiteValidationResult): SuiteValidationResult {
  const results = (s.results ?? []).map((r) => ({
    ...r,
    expectation_config: {
      ...r.expectation_config,
      kwargs: r.expectation_config?.kwargs ?? {},
      severity: SEVERITIES.includes(r.expectation_config?.severity) ? r.expectation_config.severity : 'error',
      meta: r.expectation_config?.meta ?? {},
    },
    result: r.result ?? {},
    exception_info: r.exception_info ?? { raised_exception: false, exception_message: null, exception_traceback: null },
  }));
  const ok = results.filter((r) => r.success).length;
  return {
    ...s,
    results,
    meta: s.meta ?? {},
    statistics: s.statistics ?? {
      evaluated_expectations: results.length,
      successful_expectations: ok,
      unsuccessful_expectations: results.length - ok,
      success_percent: results.length ? (ok / results.length) * 100 : null,
    },
  };
}

export function suiteEntries(report: RunReport): SuiteEntry[] {
  const entries: SuiteEntry[] = report.suites.map((suite, i) => ({ suite, position: i + 1, isMeta: false }));
  if (report.meta_validation) entries.unshift({ suite: report.meta_validation, position: 0, isMeta: true });
  return entries;
}

export function statusOf(r: ExpectationResult): Status {
  if (r.exception_info?.raised_exception) return 'error';
  return r.success ? 'passed' : 'failed';
}

/** A failed expectation at or above the run's fail-on severity: it closes the gate. */
export function isBlocking(r: ExpectationResult, failOn: Severity): boolean {
  return !r.success && atOrAbove(r.expectation_config.severity, failOn);
}

export interface Counts {
  evaluated: number;
  passed: number;
  failed: number;
  /** Failed (including errored) expectations by severity. */
  failedBySeverity: Record<Severity, number>;
  /** Expectations that raised an exception (also counted in failed). */
  errors: number;
}

export function countResults(results: ExpectationResult[]): Counts {
  const c: Counts = { evaluated: 0, passed: 0, failed: 0, failedBySeverity: { error: 0, warning: 0, info: 0 }, errors: 0 };
  for (const r of results) {
    c.evaluated++;
    if (r.success) c.passed++;
    else {
      c.failed++;
      c.failedBySeverity[r.expectation_config.severity]++;
      if (r.exception_info?.raised_exception) c.errors++;
    }
  }
  return c;
}

export function countRun(report: RunReport): Counts {
  return countResults(suiteEntries(report).flatMap((e) => e.suite.results));
}

// ---- words ---------------------------------------------------------------------------------

export type Describe = (r: ExpectationResult) => string;

/** A describer for a report's expectations: loads their types' definitions first. */
export async function reportDescriber(catalogue: Catalogue, report: RunReport): Promise<Describe> {
  await catalogue.load(suiteEntries(report).flatMap((e) => e.suite.results.map((r) => r.expectation_config.type)));
  return describer(catalogue);
}

/**
 * Plain words for what an expectation expects: the type's own sentence, with `mostly` and
 * `row_condition` added when the sentence does not say them. Falls back to the kwargs when
 * the type is unknown here (a result saved by a newer version) or its sentence throws.
 */
export function describer(catalogue?: Catalogue): Describe {
  return (r) => {
    const { type, kwargs } = r.expectation_config;
    let text: string | undefined;
    try {
      text = catalogue?.get(type)?.sentence(kwargs);
    } catch {
      text = undefined;
    }
    text ||= fallbackSentence(kwargs);
    const mostly = kwargs.mostly;
    if (typeof mostly === 'number' && mostly < 1 && !/%|mostly/.test(text)) text += `, at least ${formatPercent(mostly * 100)} of rows`;
    const cond = kwargs.row_condition;
    if (typeof cond === 'string' && cond.trim() && !text.includes(cond)) text += `, only rows where ${cond}`;
    return text;
  };
}

const QUIET_KWARGS = new Set([
  'mostly',
  'row_condition',
  'condition_parser',
  'result_format',
  'catch_exceptions',
  'meta',
  'include_config',
  'batch_id',
]);

function fallbackSentence(kwargs: Record<string, unknown>): string {
  const parts = Object.entries(kwargs)
    .filter(([k]) => !QUIET_KWARGS.has(k))
    .map(([k, v]) => `${k} = ${formatValue(v, 80)}`);
  return parts.length ? parts.join(', ') : 'no arguments';
}

// ---- formatting shared by the renderers ---------------------------------------------------

/** A value as a person reads it: text as it is, anything else as compact JSON, shortened. */
export function formatValue(value: unknown, max = 120): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = '';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else if (typeof value === 'bigint') text = value.toString();
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** 41.70854 → "41.71%", 0.004 → "<0.01%", 100 → "100%". */
export function formatPercent(p: unknown): string {
  if (typeof p !== 'number' || !Number.isFinite(p)) return '';
  if (p > 0 && p < 0.01) return '<0.01%';
  if (p < 100 && p > 99.99) return '>99.99%';
  return `${Number(p.toFixed(2))}%`;
}

export function formatCount(n: unknown): string {
  return typeof n === 'number' ? n.toLocaleString('en-US') : String(n ?? '');
}

export function durationMs(start: string, end: string): number | null {
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

export function formatDuration(ms: number | null): string {
  if (ms === null) return '';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Number((ms / 1000).toFixed(1))} s`;
  const m = Math.floor(ms / 60_000);
  return `${m} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** "2026-03-01 14:05:09 UTC": one spelling everywhere, independent of the reader's locale. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** "83 unexpected of 199 non-null values (41.71%); 1 missing", or null when not a map result. */
export function unexpectedSummary(r: ExpectationResult, opts: { noun?: boolean } = {}): string | null {
  const res = r.result;
  if (typeof res.unexpected_count !== 'number') return null;
  const element = typeof res.element_count === 'number' ? res.element_count : null;
  const missing = typeof res.missing_count === 'number' ? res.missing_count : 0;
  const of =
    element === null ? '' : missing ? ` of ${formatCount(element - missing)} non-null values` : ` of ${formatCount(element)} values`;
  const pct = typeof res.unexpected_percent === 'number' ? ` (${formatPercent(res.unexpected_percent)})` : '';
  return `${formatCount(res.unexpected_count)}${opts.noun === false ? '' : ' unexpected'}${of}${pct}${missing ? `; ${formatCount(missing)} missing` : ''}`;
}

/** The unexpected values sample as (value, count) pairs, most frequent first. */
export function unexpectedSample(r: ExpectationResult): { value: unknown; count: number | null }[] {
  const res = r.result;
  if (Array.isArray(res.partial_unexpected_counts) && res.partial_unexpected_counts.length) {
    return (res.partial_unexpected_counts as { value: unknown; count: number }[]).map((e) => ({
      value: e.value,
      count: typeof e.count === 'number' ? e.count : null,
    }));
  }
  const list = Array.isArray(res.partial_unexpected_list)
    ? res.partial_unexpected_list
    : Array.isArray(res.unexpected_list)
      ? res.unexpected_list
      : [];
  return list.map((value) => ({ value, count: null }));
}

/** Row numbers (or index column values) of the unexpected sample. */
export function unexpectedRows(r: ExpectationResult): unknown[] {
  const res = r.result;
  const list = Array.isArray(res.partial_unexpected_index_list)
    ? res.partial_unexpected_index_list
    : Array.isArray(res.unexpected_index_list)
      ? res.unexpected_index_list
      : [];
  return list;
}

/**
 * What was observed, in one line: the exception, a history-aware result against its band, age
 * limit or previous schema (historyLine), a reconciliation's differences (differencesLine), the
 * unexpected counts (unexpectedSummary), a few unexpected values and their row numbers, or the
 * observed value. The one wording of a result: the terminal summaries, Markdown, JUnit and
 * annotations all print this line, and the HTML report its historyLine, differences or
 * unexpectedSummary.
 */
export function observedLine(r: ExpectationResult, max = 160): string {
  if (r.exception_info?.raised_exception) return `error: ${r.exception_info.exception_message ?? 'exception'}`;
  const past = historyLine(r);
  if (past !== null) return past;
  const differences = differencesOf(r);
  if (differences) return formatValue(differencesLine(differences), max);
  const summary = unexpectedSummary(r);
  if (summary !== null) {
    const parts = [summary];
    const sample = unexpectedSample(r).slice(0, 5);
    if (sample.length) parts.push(`e.g. ${sample.map((s) => formatValue(s.value, 30)).join(', ')}`);
    const rows = unexpectedRows(r);
    if (rows.length && rows.every((n) => typeof n === 'number'))
      parts.push(`rows ${rows.slice(0, 5).join(', ')}${rows.length > 5 ? ', …' : ''}`);
    return parts.join('; ');
  }
  if ('observed_value' in r.result) return `observed ${formatValue(r.result.observed_value, max)}`;
  return '';
}

export function severityRank(s: Severity): number {
  return SEVERITIES.length - SEVERITIES.indexOf(s);
}

// ---- changes between runs ------------------------------------------------------------------

export interface StateChange {
  type: string;
  sentence: string;
  severity: Severity;
  from: Status | 'absent';
  to: Status | 'absent';
  /** 0-based index in the current suite result, when the expectation is still there. */
  index?: number;
}

/** Identity of an expectation across runs: its type and kwargs (key order does not matter). */
export function expectationKey(r: ExpectationResult): string {
  return `${r.expectation_config.type}|${stableJson(r.expectation_config.kwargs)}`;
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/**
 * Which expectations changed state between two results of the same suite: passed ↔ failed ↔
 * error, added or removed. Expectations are matched by type and kwargs (the n-th occurrence
 * of a repeated one matches the n-th).
 */
export function compareResults(
  previous: SuiteValidationResult,
  current: SuiteValidationResult,
  describe: Describe = describer(),
): StateChange[] {
  const keyed = (results: ExpectationResult[]) => {
    const seen = new Map<string, number>();
    return results.map((r, index) => {
      const base = expectationKey(r);
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      return { key: `${base}#${n}`, r, index };
    });
  };
  const before = new Map(keyed(previous.results).map((e) => [e.key, e.r]));
  const changes: StateChange[] = [];
  const nowKeys = new Set<string>();
  for (const { key, r, index } of keyed(current.results)) {
    nowKeys.add(key);
    const old = before.get(key);
    const from = old ? statusOf(old) : 'absent';
    const to = statusOf(r);
    if (from !== to)
      changes.push({ type: r.expectation_config.type, sentence: describe(r), severity: r.expectation_config.severity, from, to, index });
  }
  for (const [key, r] of before) {
    if (!nowKeys.has(key))
      changes.push({
        type: r.expectation_config.type,
        sentence: describe(r),
        severity: r.expectation_config.severity,
        from: statusOf(r),
        to: 'absent',
      });
  }
  return changes;
}

/** The previous run of one suite, as a report links to it. */
export interface PreviousRun {
  run_id: string;
  start_time: string;
  /** Link to its HTML report, relative to the report being rendered. */
  href?: string;
  success_percent: number | null;
  changes: StateChange[];
}

/** Previous runs by suite name. */
export type History = Map<string, PreviousRun>;
