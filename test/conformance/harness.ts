// The GE conformance runner: every SQL-meaningful case of ./ge/*.jsonl (GE's own test cases) is
// built as a table the way GE's SQL harness builds it, validated by Assay with a suite of one
// expectation, and compared with GE's expected output (compare.ts). One connection serves the
// whole run; each case gets its own table(s), dropped afterwards.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { kwargsSchema, loadCatalogue, type Catalogue } from '../../src/engine/catalogue.js';
import type { Connection } from '../../src/engine/connection.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { ExpectationDefinition, ExpectationResult } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import { compare, show, type Verdict } from './compare.js';
import { parsePy, toJs, type Py } from './pyjson.js';
import { createTable, dropTable, duckdbTarget, tableSpec, type GeBackend, type TableTarget } from './tables.js';
import { openPostgresTarget } from './postgres.js';
import { openSparkTarget } from './spark.js';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CASES_DIR = path.resolve(REPO_ROOT, 'test/conformance/ge');

export interface GeCase {
  id: string;
  expectation_type: string;
  title: string;
  data: Record<string, Py> | { dataset_name: string; data: Record<string, Py> }[];
  schemas: Record<string, Record<string, string>> | null;
  kwargs: Record<string, Py> | Py[];
  expected: Record<string, Py>;
  exact_match_out: boolean;
  dataset_name: string | null;
  tolerance: number | null;
  derived: {
    pk_column: boolean;
    sql_meaningful: boolean;
    backends_admitted_by_flags: string[];
    ge_runner_backends: string[];
    restriction: string;
  };
}

export interface CaseOutcome {
  id: string;
  type: string;
  title: string;
  status: 'passed' | 'failed';
  /** One line: why it failed ("type not implemented", "success: expected true, got false", ...). */
  reason?: string;
  problems?: string[];
  notes?: string[];
  kwargs?: unknown;
  expected?: unknown;
  actual?: unknown;
  /** Which GE backend's schema and conversions the table was built with. */
  backend?: GeBackend;
  /** GE itself never ran this case on sqlite/postgresql (type on its "not implemented" list). */
  notRunByGe?: boolean;
}

export interface RunSummary {
  outcomes: CaseOutcome[];
  /** Cases not admitted on sqlite/postgresql (derived.sql_meaningful false). */
  skipped: number;
  /** Whether a filter narrowed the run. */
  filtered: boolean;
}

export interface RunOptions {
  /** Only these expectation types. */
  types?: string[];
  /** Only case ids containing this text. */
  idContains?: string;
  /** Engine to run on; only duckdb for now. */
  dialect?: string;
}

/** Every case of every file, in file then line order. */
export function loadCases(dir = CASES_DIR): GeCase[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl'))
    .sort();
  const cases: GeCase[] = [];
  for (const f of files) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = parsePy(line) as unknown as GeCase;
      c.tolerance = toJs(c.tolerance as Py) as number | null;
      cases.push(c);
    }
  }
  return cases;
}

/** The GE backend a case is reproduced on: PostgreSQL when GE admits it there, else SQLite. */
export function backendOf(c: GeCase): GeBackend {
  return c.derived.backends_admitted_by_flags.includes('postgresql') ? 'postgresql' : 'sqlite';
}

// ---- kwargs --------------------------------------------------------------

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const fmt = (d: Date) =>
  `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;

/**
 * GE evaluates `{"$PARAMETER": "now() - timedelta(weeks=52)"}` to a datetime. The corpus uses
 * now(), datetime(y, m, d[, H, M, S]) and ± timedelta(unit=a*b); the result is ISO text.
 */
export function evaluateParameter(expr: string, now = new Date()): string {
  const m = /^\s*(now\(\)|datetime\(([\d,\s]+)\))\s*(?:([-+])\s*timedelta\(\s*(\w+)\s*=\s*([\d\s*]+)\))?\s*$/.exec(expr);
  if (!m) throw new Error(`$PARAMETER expression not supported by the harness: ${expr}`);
  let d: Date;
  if (m[1] === 'now()') d = new Date(now.getTime());
  else {
    const [y, mo, day, h = 0, mi = 0, s = 0] = m[2]!.split(',').map((x) => Number(x.trim()));
    d = new Date(y!, mo! - 1, day!, h, mi, s);
  }
  if (m[3]) {
    const amount = m[5]!.split('*').reduce((p, x) => p * Number(x.trim()), 1);
    const unitMs: Record<string, number> = { weeks: 7 * 86400e3, days: 86400e3, hours: 3600e3, minutes: 60e3, seconds: 1e3 };
    const ms = unitMs[m[4]!];
    if (!ms) throw new Error(`timedelta unit not supported by the harness: ${m[4]}`);
    d = new Date(d.getTime() + (m[3] === '-' ? -1 : 1) * amount * ms);
  }
  return fmt(d);
}

function substituteParameters(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(substituteParameters);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Object.keys(o).length === 1 && typeof o.$PARAMETER === 'string') return evaluateParameter(o.$PARAMETER);
    return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, substituteParameters(x)]));
  }
  return v;
}

export const PK_RESULT_FORMAT = { result_format: 'COMPLETE', unexpected_index_column_names: ['pk_index'] };
export const DEFAULT_RESULT_FORMAT = { result_format: 'COMPLETE' };

/**
 * The kwargs GE's runner passes (evaluate_json_test_v3_api): parameters evaluated, and
 * result_format COMPLETE (with pk_index as the index column for map expectations) unless the
 * case sets its own, which then replaces the whole setting.
 */
export function prepareKwargs(c: GeCase): Record<string, unknown> {
  if (Array.isArray(c.kwargs)) throw new Error('positional arguments are not supported by the harness');
  const kwargs = substituteParameters(toJs(c.kwargs as Py)) as Record<string, unknown>;
  if (kwargs.result_format === undefined) {
    kwargs.result_format = c.derived.pk_column && !Array.isArray(c.data) ? PK_RESULT_FORMAT : DEFAULT_RESULT_FORMAT;
  }
  return kwargs;
}

// ---- running -------------------------------------------------------------

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new WeakMap<ExpectationDefinition, ValidateFunction>();

/** The kwargs problems a suite file would be rejected for, or null. */
function schemaErrors(def: ExpectationDefinition, kwargs: Record<string, unknown>): string | null {
  let v = validators.get(def);
  if (!v) validators.set(def, (v = ajv.compile(kwargsSchema(def))));
  if (v(kwargs)) return null;
  return (v.errors ?? [])
    .map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`,
    )
    .join('; ');
}

/** A result as validate() shapes an expectation that raised. */
function raisedResult(type: string, kwargs: Record<string, unknown>, message: string): ExpectationResult {
  return {
    expectation_config: { type, kwargs, severity: 'error', meta: {} },
    success: false,
    result: {},
    exception_info: { raised_exception: true, exception_message: message, exception_traceback: message },
  };
}

let tableCounter = 0;

export async function runCase(conn: Connection, target: TableTarget, c: GeCase, catalogue: Catalogue): Promise<CaseOutcome> {
  const base = {
    id: c.id,
    type: c.expectation_type,
    title: c.title,
    backend: backendOf(c),
    ...(c.derived.ge_runner_backends.some((b) => b === 'sqlite' || b === 'postgresql') ? {} : { notRunByGe: true }),
  };
  const def = catalogue.get(c.expectation_type);
  if (!def) {
    // The distributional stubs: GE 1.2.0's own modules raise NotImplementedError.
    const none = c.derived.ge_runner_backends.length === 0;
    return {
      ...base,
      status: 'failed',
      reason: none ? 'type not implemented (GE 1.2.0 runs it on no backend either)' : 'type not implemented',
    };
  }

  let kwargs: Record<string, unknown>;
  try {
    kwargs = prepareKwargs(c);
  } catch (err) {
    return { ...base, status: 'failed', reason: `harness: ${(err as Error).message}` };
  }

  // Tables: one for `{column: values}` data; for a list, each by its dataset_name, the first under test.
  const tables = Array.isArray(c.data)
    ? c.data.map((t) => ({ name: t.dataset_name, data: t.data }))
    : [{ name: `ge_case_${++tableCounter}`, data: c.data }];
  const pk = c.derived.pk_column && !Array.isArray(c.data);
  try {
    for (const t of tables) await createTable(conn, target, tableSpec(t.name, t.data, c.schemas, base.backend, pk));
  } catch (err) {
    for (const t of tables) await dropTable(conn, target, t.name).catch(() => {});
    return { ...base, status: 'failed', reason: `harness: cannot build the table: ${(err as Error).message}` };
  }

  let actual: ExpectationResult;
  try {
    const bad = schemaErrors(def, kwargs);
    if (bad) actual = raisedResult(c.expectation_type, kwargs, `InvalidKwargs: kwargs rejected by the schema: ${bad}`);
    else {
      const res = await validate(
        conn,
        conn.dialect.ident(tables[0]!.name),
        {
          name: 'conformance',
          expectations: [{ type: c.expectation_type, kwargs, severity: 'error' }],
        },
        { catalogue },
      );
      actual = res.results[0]!;
    }
  } catch (err) {
    actual = raisedResult(c.expectation_type, kwargs, `validate() threw: ${(err as Error).name}: ${(err as Error).message}`);
  } finally {
    for (const t of tables) await dropTable(conn, target, t.name).catch(() => {});
  }

  let verdict: Verdict;
  try {
    verdict = compare({
      expected: c.expected,
      exactMatchOut: c.exact_match_out,
      tolerance: c.tolerance,
      pkColumn: c.derived.pk_column,
      actual,
    });
  } catch (err) {
    verdict = { pass: false, problems: [`harness: compare failed: ${(err as Error).message}`], notes: [] };
  }
  const plain = {
    success: actual.success,
    result: actual.result,
    exception_info: actual.exception_info.raised_exception
      ? { raised_exception: true, exception_message: actual.exception_info.exception_message }
      : undefined,
  };
  return {
    ...base,
    status: verdict.pass ? 'passed' : 'failed',
    ...(verdict.pass
      ? {}
      : { reason: verdict.problems[0], problems: verdict.problems, kwargs, expected: toJs(c.expected as Py), actual: plain }),
    ...(verdict.notes.length ? { notes: verdict.notes } : {}),
  };
}

export async function openTarget(dialect = 'duckdb'): Promise<{ conn: Connection; target: TableTarget }> {
  switch (dialect) {
    case 'duckdb':
      return { conn: await DuckDBConnection.open(), target: duckdbTarget };
    case 'postgres':
    case 'postgresql':
      return openPostgresTarget();
    case 'spark':
      return openSparkTarget();
    default:
      throw new Error(`CONFORMANCE_DIALECT=${dialect} is not supported (duckdb, postgres or spark)`);
  }
}

export async function runConformance(opts: RunOptions = {}): Promise<RunSummary> {
  const wanted = (c: GeCase) =>
    (!opts.types?.length || opts.types.includes(c.expectation_type)) && (!opts.idContains || c.id.includes(opts.idContains));
  const all = loadCases();
  const admitted = all.filter((c) => c.derived.sql_meaningful);
  const selected = admitted.filter(wanted);
  const skipped = all.filter((c) => !c.derived.sql_meaningful && wanted(c)).length;
  const catalogue = await (await loadCatalogue()).load();
  // A server whose every query is a job (Spark) spends its time waiting on scheduling, not
  // computing: there, several sessions take cases from one queue. Outcomes keep the cases' order.
  const sessions = opts.dialect === 'spark' ? 6 : 1;
  const outcomes: CaseOutcome[] = new Array<CaseOutcome>(selected.length);
  let next = 0;
  const worker = async () => {
    const { conn, target } = await openTarget(opts.dialect);
    try {
      while (next < selected.length) {
        const i = next++;
        outcomes[i] = await runCase(conn, target, selected[i]!, catalogue);
      }
    } finally {
      await conn.close();
    }
  };
  await Promise.all(Array.from({ length: sessions }, worker));
  return { outcomes, skipped, filtered: selected.length !== admitted.length || !!opts.types?.length || !!opts.idContains };
}

// ---- reporting -----------------------------------------------------------

/** Per-type table, then (when asked) each failure, then the summary line last. */
export function formatReport(summary: RunSummary, { details }: { details: boolean }): string {
  const byType = new Map<string, { passed: number; failed: number; notImplemented: boolean }>();
  for (const o of summary.outcomes) {
    const t = byType.get(o.type) ?? { passed: 0, failed: 0, notImplemented: false };
    if (o.status === 'passed') t.passed++;
    else t.failed++;
    if (o.reason?.startsWith('type not implemented')) t.notImplemented = true;
    byType.set(o.type, t);
  }
  const width = Math.max(20, ...[...byType.keys()].map((k) => k.length));
  const lines: string[] = [];
  lines.push(`${'expectation type'.padEnd(width)}  passed  failed  total`);
  for (const [type, t] of [...byType.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `${type.padEnd(width)}  ${String(t.passed).padStart(6)}  ${String(t.failed).padStart(6)}  ${String(t.passed + t.failed).padStart(5)}${t.notImplemented ? '  (not implemented)' : ''}`,
    );
  }
  const failures = summary.outcomes.filter((o) => o.status === 'failed');
  if (details && failures.length) {
    lines.push('', 'failures:');
    for (const f of failures) {
      lines.push(`- ${f.id}${f.notRunByGe ? '  [GE does not run this type on SQL]' : ''}`);
      for (const p of f.problems ?? [f.reason ?? '']) lines.push(`    ${p}`);
      if (f.kwargs) lines.push(`    kwargs: ${show(f.kwargs)}`);
      if (f.expected) lines.push(`    expected: ${show(f.expected)}`);
      if (f.actual) lines.push(`    actual: ${show(f.actual)}`);
      for (const n of f.notes ?? []) lines.push(`    note: ${n}`);
    }
  }
  const passed = summary.outcomes.length - failures.length;
  const ge = geRun(summary);
  lines.push('');
  for (const f of ge.failed) lines.push(`GE-run failure: ${f.id}: ${f.reason ?? ''}`.slice(0, 240));
  lines.push(`GE-run cases: ${ge.passed} of ${ge.total} pass`);
  lines.push(`conformance: ${passed} passed, ${failures.length} failed, ${summary.skipped} skipped`);
  return lines.join('\n');
}

/**
 * The cases GE's own runner runs on SQL (derived.ge_runner_backends has sqlite or postgresql:
 * 458 of the 539 in a full run), how many of them pass, and the ones that fail.
 */
export function geRun(summary: RunSummary): { total: number; passed: number; failed: CaseOutcome[] } {
  const run = summary.outcomes.filter((o) => !o.notRunByGe);
  const failed = run.filter((o) => o.status === 'failed');
  return { total: run.length, passed: run.length - failed.length, failed };
}

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The figures section of docs/conformance.md: pass rate, per-type table, one row per failure. */
export function markdownReport(summary: RunSummary, dialect: string): string {
  const failures = summary.outcomes.filter((o) => o.status === 'failed');
  const passed = summary.outcomes.length - failures.length;
  const pct = summary.outcomes.length ? ((passed / summary.outcomes.length) * 100).toFixed(1) : '0';
  const lines: string[] = [];
  lines.push(
    `**${dialect}: ${passed} of ${summary.outcomes.length} SQL-meaningful cases pass (${pct}%)**; ${failures.length} fail; ${summary.skipped} cases are not admitted on sqlite/postgresql and are skipped.`,
    '',
  );
  const ge = geRun(summary);
  lines.push(
    `**GE-run cases (GE's own runner runs them on sqlite or postgresql): ${ge.passed} of ${ge.total} pass**${ge.failed.length ? `; failing: ${ge.failed.map((f) => `\`${f.id}\``).join(', ')}` : ''}.`,
    '',
  );
  const byType = new Map<string, { passed: number; failed: number }>();
  for (const o of summary.outcomes) {
    const t = byType.get(o.type) ?? { passed: 0, failed: 0 };
    t[o.status]++;
    byType.set(o.type, t);
  }
  lines.push('| expectation type | passed | failed | total |', '|---|---|---|---|');
  for (const [type, t] of [...byType.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`| \`${type}\` | ${t.passed} | ${t.failed} | ${t.passed + t.failed} |`);
  }
  lines.push('', '### Remaining failures', '');
  if (failures.length === 0) lines.push('None.');
  const groups = new Map<string, CaseOutcome[]>();
  for (const f of failures) groups.set(f.type, [...(groups.get(f.type) ?? []), f]);
  for (const [type, fs] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(`#### \`${type}\` (${fs.length})`, '', '| case | reason |', '|---|---|');
    for (const f of fs) {
      const id = f.id.slice(type.length + 1);
      const reason = (f.reason ?? '').length > 300 ? `${f.reason!.slice(0, 300)}…` : (f.reason ?? '');
      lines.push(`| \`${cell(id)}\`${f.notRunByGe ? ' ¹' : ''} | ${cell(reason)} |`);
    }
    lines.push('');
  }
  if (failures.some((f) => f.notRunByGe))
    lines.push('¹ GE 1.2.0 itself does not run this type on SQL backends (its "temporarily not implemented" list).');
  return lines.join('\n');
}
