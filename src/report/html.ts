// The HTML report: one self-contained file (CSS and SVG inline, no script, no network) from the
// handlebars templates in reports/. Everything the templates show is prepared here as plain
// strings, so templates only place them with {{ }}, which escapes; the only markup passed
// through is our own CSS and the SVG charts of svg.ts, which escape every data text themselves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Handlebars from 'handlebars';
import type { ExpectationResult, Severity } from '../engine/types.js';
import { VERSION } from '../version.js';
import {
  countResults,
  describer,
  durationMs,
  formatCount,
  formatDuration,
  formatPercent,
  formatTime,
  formatValue,
  isBlocking,
  statusOf,
  suiteEntries,
  unexpectedRows,
  unexpectedSample,
  unexpectedSummary,
  type Describe,
  type History,
  type PreviousRun,
  type RunReport,
  type StateChange,
  type SuiteEntry,
} from './run-report.js';
import type { AssetTrend } from './asset-trends.js';
import { historyView } from './history-view.js';
import { historyLine } from './history-wording.js';
import { differencesOf } from './differences.js';
import { rangeChart, rowsBar, setChart, sparkline, successByExpectation, type TrendPoint } from './svg.js';

const here = path.dirname(fileURLToPath(import.meta.url));
/** reports/ beside src/ (source tree) or beside dist/ (built package). */
export const REPORTS_DIR =
  [path.resolve(here, '../../reports'), path.resolve(here, '../../../reports')].find((d) => existsSync(path.join(d, 'report.hbs'))) ??
  path.resolve(here, '../../reports');

interface Templates {
  report: HandlebarsTemplateDelegate;
  index: HandlebarsTemplateDelegate;
  css: Handlebars.SafeString;
  hb: typeof Handlebars;
}

let templates: Templates | undefined;

function load(): Templates {
  if (templates) return templates;
  const hb = Handlebars.create();
  const partials = path.join(REPORTS_DIR, 'partials');
  for (const f of readdirSync(partials).filter((f) => f.endsWith('.hbs'))) {
    hb.registerPartial(f.slice(0, -4), readFileSync(path.join(partials, f), 'utf8'));
  }
  // knownHelpersOnly: a data value can never be looked up as a helper; strict: a field the
  // view does not have is an error in the tests instead of an empty cell in a report.
  const compile = (f: string) =>
    hb.compile(readFileSync(path.join(REPORTS_DIR, f), 'utf8'), { knownHelpersOnly: true, strict: true, preventIndent: true });
  templates = {
    report: compile('report.hbs'),
    index: compile('index.hbs'),
    css: new hb.SafeString(readFileSync(path.join(REPORTS_DIR, 'report.css'), 'utf8')),
    hb,
  };
  return templates;
}

const safe = (markup: string | null) => (markup === null ? null : new (load().hb.SafeString)(markup));

export interface HtmlOptions {
  /** Plain words per expectation (describer(catalogue)); defaults to the kwargs. */
  describe?: Describe;
  /** The previous run of each suite (run-index.ts finds them in a runs folder). */
  history?: History;
  /** Link to the runs index, relative to this report. */
  indexHref?: string;
}

// ---- the report ----------------------------------------------------------------------------

export function renderHtml(report: RunReport, opts: HtmlOptions = {}): string {
  const t = load();
  const describe = opts.describe ?? describer();
  const entries = suiteEntries(report);
  const counts = countResults(entries.flatMap((e) => e.suite.results));
  const ms = durationMs(report.start_time, report.end_time);
  const engines = [...new Set(entries.map((e) => `${e.suite.run.engine.name} ${e.suite.run.engine.version}`))];
  const view = {
    css: t.css,
    title: `${report.gate === 'open' ? '✔' : '✖'} ${report.title ?? 'Assay run'} — Assay report`,
    heading: report.title ?? 'Assay run',
    runId: report.id,
    gateOpen: report.gate === 'open',
    failOn: report.fail_on,
    gateReasons: report.gate_reasons ?? [],
    dataSources: report.data_sources,
    started: formatTime(report.start_time),
    duration: formatDuration(ms),
    engines: engines.join(', '),
    assayVersion: VERSION,
    counts: [
      { kind: 'total', label: 'expectations', value: formatCount(counts.evaluated), zero: false },
      { kind: 'passed', label: 'passed', value: formatCount(counts.passed), zero: counts.passed === 0 },
      {
        kind: 'failed-error',
        label: 'failed: error',
        value: formatCount(counts.failedBySeverity.error),
        zero: counts.failedBySeverity.error === 0,
      },
      {
        kind: 'failed-warning',
        label: 'failed: warning',
        value: formatCount(counts.failedBySeverity.warning),
        zero: counts.failedBySeverity.warning === 0,
      },
      {
        kind: 'failed-info',
        label: 'failed: info',
        value: formatCount(counts.failedBySeverity.info),
        zero: counts.failedBySeverity.info === 0,
      },
      { kind: 'error', label: 'raised an error', value: formatCount(counts.errors), zero: counts.errors === 0 },
    ],
    anyFailed: counts.failed > 0,
    manySuites: entries.length > 1,
    // Past this many expectations the page lets the browser skip laying out off-screen ones.
    long: counts.evaluated > 60,
    toc: entries.map((e) => ({
      anchor: `s${e.position}`,
      name: e.suite.suite_name,
      isMeta: e.isMeta,
      ok: e.suite.success,
      pct: formatPercent(e.suite.statistics.success_percent),
    })),
    suites: entries.map((e) => suiteView(e, report.fail_on, describe, e.isMeta ? undefined : opts.history?.get(e.suite.suite_name))),
    indexHref: opts.indexHref,
  };
  return t.report(view);
}

function suiteView(entry: SuiteEntry, failOn: Severity, describe: Describe, previous: PreviousRun | undefined) {
  const s = entry.suite;
  const changes = previous?.changes;
  const anchor = `s${entry.position}`;
  const c = countResults(s.results);
  const changeAt = new Map((changes ?? []).filter((ch) => ch.index !== undefined).map((ch) => [ch.index!, ch]));
  const exps = s.results.map((r, i) => expectationView(r, i, anchor, failOn, describe, changeAt.get(i)));
  const bars = exps.map((e) => ({ label: e.barLabel, kind: e.kind, pct: e.passPct, href: `#${e.anchor}` }));
  return {
    anchor,
    name: s.suite_name,
    isMeta: entry.isMeta,
    ok: s.success,
    pill: s.success ? 'passed' : s.results.some((r) => isBlocking(r, failOn)) ? 'failed-error' : 'failed-warning',
    dataSource: s.run.data_source,
    started: formatTime(s.run.start_time),
    duration: formatDuration(durationMs(s.run.start_time, s.run.end_time)),
    evaluated: c.evaluated,
    passed: c.passed,
    failed: c.failed,
    successPct: formatPercent(s.statistics.success_percent),
    successChart: safe(successByExpectation(bars)),
    exps,
    previous: previous && {
      href: previous.href,
      runId: previous.run_id,
      started: formatTime(previous.start_time),
      pct: formatPercent(previous.success_percent),
    },
    changes: (changes ?? []).map((ch) => ({
      sentence: ch.sentence,
      type: ch.type,
      from: ch.from === 'absent' ? 'new' : ch.from,
      to: ch.to === 'absent' ? 'removed' : ch.to,
      fromKind: ch.from,
      toKind: ch.to,
      href: ch.index !== undefined ? `#${anchor}-e${ch.index + 1}` : undefined,
    })),
  };
}

function kindOf(r: ExpectationResult): string {
  const status = statusOf(r);
  return status === 'failed' ? `failed-${r.expectation_config.severity}` : status;
}

function expectationView(
  r: ExpectationResult,
  i: number,
  suiteAnchor: string,
  failOn: Severity,
  describe: Describe,
  change: StateChange | undefined,
) {
  const status = statusOf(r);
  const res = r.result;
  const cfg = r.expectation_config;
  const kind = kindOf(r);
  const sentence = describe(r);
  const sample = unexpectedSample(r);
  const rows = unexpectedRows(r);
  const unexpectedCount = typeof res.unexpected_count === 'number' ? res.unexpected_count : null;
  const element = typeof res.element_count === 'number' ? res.element_count : null;
  const missing = typeof res.missing_count === 'number' ? res.missing_count : 0;
  const nonNull = element === null ? null : element - missing;
  const passPct = status === 'passed' ? 100 : unexpectedCount !== null && nonNull ? ((nonNull - unexpectedCount) / nonNull) * 100 : null;
  const chart = status === 'failed' ? distributionChart(r) : null;
  const past = status === 'error' ? null : historyView(r);
  const pastLine = status === 'error' ? null : historyLine(r);
  const differences = status === 'error' ? null : differencesOf(r);
  const loc = r.location;
  const where = loc?.file ? `${loc.file}${loc.line ? `:${loc.line}` : ''}` : loc?.line ? `line ${loc.line}` : '';
  const shown = sample.slice(0, 20);
  const kwargsText = JSON.stringify(cfg.kwargs, null, 2) ?? '{}';
  const metaText = cfg.meta && Object.keys(cfg.meta).length ? JSON.stringify(cfg.meta, null, 2) : '';
  const valueSet = Array.isArray(cfg.kwargs.value_set) ? (cfg.kwargs.value_set as unknown[]) : null;
  return {
    anchor: `${suiteAnchor}-e${i + 1}`,
    n: i + 1,
    type: cfg.type,
    severity: cfg.severity,
    status,
    kind,
    passed: status === 'passed',
    statusLabel: status === 'error' ? 'error' : status === 'passed' ? 'passed' : 'failed',
    blocking: isBlocking(r, failOn),
    sentence,
    where,
    observed: 'observed_value' in res ? formatValue(res.observed_value, 400) : '',
    hasObserved: 'observed_value' in res && !pastLine && !differences,
    // A history-aware result in the words every output uses: the value against its band.
    observedWords: pastLine ?? '',
    // A reconciliation's observed counts are worded, with their samples, under Differences.
    differences,
    unexpected: status === 'error' ? '' : (unexpectedSummary(r, { noun: false }) ?? ''),
    rowsBar:
      status === 'failed' && unexpectedCount !== null && element
        ? safe(rowsBar({ ok: Math.max(0, element - missing - unexpectedCount), unexpected: unexpectedCount, missing }))
        : null,
    // A count shows only when a value repeats: "×1" on every chip is noise.
    samples:
      status === 'failed'
        ? shown.map((s) => ({ value: formatValue(s.value, 100), count: s.count !== null && s.count > 1 ? formatCount(s.count) : '' }))
        : [],
    sampleNote: status === 'failed' && sample.length ? sampleNote(shown.length, sample.length, unexpectedCount) : '',
    rows:
      status === 'failed' && rows.length
        ? rows
            .slice(0, 50)
            .map((v) => formatValue(v, 60))
            .join(', ') + (rows.length > 50 ? ', …' : '')
        : '',
    rowsHint: rows.every((v) => typeof v === 'number') ? '(row numbers, 0-based, in file order)' : '(index columns of unexpected rows)',
    exception: status === 'error' ? (r.exception_info.exception_message ?? 'exception') : '',
    traceback: status === 'error' ? (r.exception_info.exception_traceback ?? '') : '',
    chart: chart && safe(chart.svg),
    chartCaption: chart?.caption ?? '',
    historyChart: past?.chart ? safe(past.chart) : null,
    historyCaption: past?.caption ?? '',
    historyNote: past?.note ?? '',
    changes: past?.changes ?? [],
    valueSet: status === 'failed' && valueSet ? valueSet.slice(0, 40).map((v) => formatValue(v, 40)) : [],
    valueSetMore: valueSet && valueSet.length > 40 ? `and ${valueSet.length - 40} more` : '',
    kwargs: kwargsText.length > 4000 ? `${kwargsText.slice(0, 3999)}…` : kwargsText,
    meta: metaText,
    change: change
      ? change.from === 'absent'
        ? 'New since the previous run.'
        : `Was ${change.from} in the previous run, now ${change.to}.`
      : '',
    passPct,
    barLabel: `#${i + 1} ${cfg.type} (${cfg.severity}): ${status === 'error' ? 'raised an error' : status === 'passed' ? 'passed' : passPct !== null ? `failed, ${formatPercent(passPct)} of rows pass` : 'failed'}`,
  };
}

function sampleNote(shown: number, distinctInSample: number, unexpected: number | null): string {
  const of = unexpected !== null ? ` of the ${formatCount(unexpected)} unexpected` : '';
  return shown < distinctInSample ? `(${shown} of ${distinctInSample} sampled values${of})` : `(a sample${of}, most frequent first)`;
}

// ---- distribution chart --------------------------------------------------------------------

const DATE = /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;

function toNumber(v: unknown, dates: boolean): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  if (dates) {
    if (!DATE.test(s)) return null;
    const iso =
      s.length === 10 ? `${s}T00:00:00Z` : /Z|[+-]\d{2}(:?\d{2})?$/.test(s.slice(10)) ? s.replace(' ', 'T') : `${s.replace(' ', 'T')}Z`;
    const t = Date.parse(iso);
    return Number.isFinite(t) ? t : null;
  }
  if (s === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s)) return null;
  return Number(s);
}

/**
 * For a failed check with an expected range or set: where the unexpected values (a sample,
 * from the result) or the observed aggregate lie against what was expected. Uses only what
 * the result carries: no extra scan.
 */
export function distributionChart(r: ExpectationResult): { svg: string; caption: string } | null {
  if (r.success || r.exception_info?.raised_exception) return null;
  const k = r.expectation_config.kwargs;
  const type = r.expectation_config.type;
  const sample = unexpectedSample(r);
  if (Array.isArray(k.value_set)) {
    let values = sample;
    if (!values.length && Array.isArray(r.result.observed_value)) {
      const set = new Set((k.value_set as unknown[]).map((v) => JSON.stringify(v)));
      values = (r.result.observed_value as unknown[]).filter((v) => !set.has(JSON.stringify(v))).map((value) => ({ value, count: null }));
    }
    const svg = setChart({ values: values.map((v) => ({ label: formatValue(v.value, 60), count: v.count })) });
    if (!svg) return null;
    const forbidden = /not_(be_)?in_set/.test(type);
    return {
      svg,
      caption: forbidden
        ? 'Values found that are in the forbidden set (sample, by count)'
        : 'Unexpected values, not in the expected set (sample, by count)',
    };
  }
  if (!('min_value' in k) && !('max_value' in k)) return null;
  const lengths = /lengths?_to/.test(type);
  const bound = (v: unknown) => (v === null || v === undefined ? null : v);
  const lo = bound(k.min_value);
  const hi = bound(k.max_value);
  const dates = !lengths && [lo, hi].some((b) => typeof b === 'string' && DATE.test(b.trim()));
  const num = (v: unknown) => toNumber(v, dates);
  const min = lo === null ? null : num(lo);
  const max = hi === null ? null : num(hi);
  if ((lo !== null && min === null) || (hi !== null && max === null)) return null;
  const values = sample
    .map((s) => ({
      x: lengths ? (s.value === null || s.value === undefined ? null : String(s.value).length) : num(s.value),
      label: formatValue(s.value, 60),
      count: s.count,
    }))
    .filter((v): v is { x: number; label: string; count: number | null } => v.x !== null);
  const obs = 'observed_value' in r.result ? num(r.result.observed_value) : null;
  const observed = obs !== null && values.length === 0 ? { x: obs, label: formatValue(r.result.observed_value, 40) } : undefined;
  const svg = rangeChart({
    min,
    max,
    minLabel: lo === null ? undefined : formatValue(lo, 28),
    maxLabel: hi === null ? undefined : formatValue(hi, 28),
    strictMin: k.strict_min === true,
    strictMax: k.strict_max === true,
    values,
    observed,
    unit: lengths ? 'length' : undefined,
  });
  if (!svg) return null;
  const caption = observed
    ? 'Observed value against the expected range (shaded)'
    : `Unexpected values${lengths ? ' (by length)' : ''} against the expected range (shaded); height shows how often each occurs`;
  return { svg, caption };
}

// ---- the runs index ------------------------------------------------------------------------

export interface IndexRun {
  id: string;
  title: string;
  href?: string;
  gate: 'open' | 'closed';
  start_time: string;
  end_time: string;
  data_sources: string[];
  suites: { name: string; success: boolean; success_percent: number | null; failed: number }[];
}

export interface IndexSuite {
  name: string;
  /** Oldest to newest. */
  points: { run_id: string; start_time: string; success_percent: number | null; success: boolean; gate: 'open' | 'closed' }[];
  latestHref?: string;
}

/** The runs index page: runs newest first, and a trend per suite. */
export function renderIndexHtml(runs: IndexRun[], suites: IndexSuite[], opts: { title?: string; assets?: AssetTrend[] } = {}): string {
  const t = load();
  const view = {
    css: t.css,
    title: opts.title ?? 'Assay runs',
    count: runs.length,
    generated: formatTime(new Date().toISOString()),
    assayVersion: VERSION,
    assets: (opts.assets ?? []).map((a) => ({ ...a, last: formatTime(a.last), chart: a.chart && safe(a.chart) })),
    suites: suites.map((s) => {
      const last = s.points[s.points.length - 1];
      const points: TrendPoint[] = s.points.map((p) => ({
        pct: p.success_percent,
        kind: p.success ? 'passed' : 'failed',
        label: `${formatTime(p.start_time)}: ${formatPercent(p.success_percent)}${p.success ? '' : ' (failed expectations)'}`,
      }));
      return {
        name: s.name,
        trend: safe(sparkline(points.slice(-40))),
        runs: s.points.length,
        latestPct: last ? formatPercent(last.success_percent) : '',
        latestOk: last?.success ?? false,
        latestHref: s.latestHref,
      };
    }),
    runs: runs.map((r) => ({
      id: r.id,
      title: r.title,
      href: r.href,
      gateOpen: r.gate === 'open',
      started: formatTime(r.start_time),
      duration: formatDuration(durationMs(r.start_time, r.end_time)),
      dataSources: r.data_sources.join(', '),
      suites: r.suites.map((s) => ({ name: s.name, ok: s.success, pct: formatPercent(s.success_percent), failed: s.failed })),
    })),
  };
  return t.index(view);
}
