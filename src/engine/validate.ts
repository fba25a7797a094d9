// How a validation runs (DESIGN.md): plan every expectation, fuse all scalar metrics of the
// table into ONE aggregate query (or as few as the dialect's select-list limit allows), judge
// each expectation, assemble GE's suite result.
// A failing expectation never crashes the run; unreadable data does (AssayDataError).
import { randomUUID } from 'node:crypto';
import type { Connection } from './connection.js';
import type { Catalogue } from './catalogue.js';
import { makeCtx } from './context.js';
import type { HistoryView } from '../history/store.js';
import type {
  Column,
  Ctx,
  ExpectationConfig,
  ExpectationDefinition,
  ExpectationResult,
  Reach,
  ResultFormatName,
  Row,
  Sql,
  Suite,
  SuiteValidationResult,
} from './types.js';
import { VERSION } from '../version.js';
import { AssayDataError } from '../errors.js';

export interface ValidateOptions {
  /** The expectation types the suite may use (built by the caller: built-ins and the project's). */
  catalogue: Catalogue;
  /** result_format for expectations that do not set one (GE's default is BASIC). */
  resultFormat?: ResultFormatName;
  /** For the run block: what was validated. */
  dataSource?: string;
  runId?: string;
  /** Turns an engine error into an AssayDataError when it is about reading the input. */
  classifyError?: (err: unknown) => AssayDataError | null;
  /** Called with each query's SQL, for logs and tests (e.g. to count scans). */
  onQuery?: (sql: Sql, purpose: 'fused' | 'fallback' | 'follow-up') => void;
  /** The run's clock, which expectations read as ctx.now (default: when the validation starts). */
  now?: Date;
  /** The asset's history in the metric store, which history-aware expectations read as ctx.history. */
  history?: HistoryView;
  /**
   * More scalar metrics for the same fused scan (the metric store's column profile): planned
   * over the whole table, their values handed back once the scan is read.
   */
  extraMetrics?: { plan(ctx: Ctx): Record<string, Sql>; read(values: Row, columns: Column[]): void };
  /** Other engines an expectation may read (src/connections/reach.ts); the caller closes them. */
  reach?: Reach;
}

interface Planned {
  config: ExpectationConfig;
  def?: ExpectationDefinition;
  ctx?: Ctx;
  /** Metric name → alias in the fused query. */
  aliases?: Record<string, string>;
  error?: unknown;
}

export async function validate(conn: Connection, relation: Sql, suite: Suite, opts: ValidateOptions): Promise<SuiteValidationResult> {
  const start = new Date();
  const catalogue = await opts.catalogue.load(suite.expectations.map((e) => e.type));
  const dataError = (err: unknown) => (err instanceof AssayDataError ? err : (opts.classifyError?.(err) ?? null));
  const guard = async <T>(p: Promise<T>): Promise<T> => {
    try {
      return await p;
    } catch (err) {
      throw dataError(err) ?? err;
    }
  };

  const columns = await guard(conn.columns(relation));
  const runEnv = { now: opts.now ?? start, history: opts.history ?? null, reach: opts.reach ?? null };

  // 1. Plan: each expectation's metrics; identical SQL shares one alias.
  const aliasOf = new Map<Sql, string>();
  const planned: Planned[] = suite.expectations.map((config) => {
    const p: Planned = { config };
    try {
      p.def = catalogue.get(config.type);
      if (!p.def) throw new Error(`unknown expectation type ${config.type}`);
      p.ctx = makeCtx(conn.dialect, relation, columns, config.kwargs, opts.resultFormat, runEnv);
      // The suite's key identifies the rows of unexpected samples, unless the expectation names its own columns.
      if (suite.key?.length && p.def.family.endsWith('_map') && !p.ctx.resultFormat.unexpected_index_column_names) {
        p.ctx.resultFormat = { ...p.ctx.resultFormat, unexpected_index_column_names: suite.key };
      }
      for (const name of p.def.columns(config.kwargs as never)) p.ctx.col(name);
      for (const name of p.ctx.resultFormat.unexpected_index_column_names ?? []) p.ctx.col(name);
      const metrics = p.def.plan(p.ctx);
      p.aliases = {};
      for (const [name, sql] of Object.entries(metrics)) {
        if (!aliasOf.has(sql)) aliasOf.set(sql, `m${aliasOf.size}`);
        p.aliases[name] = aliasOf.get(sql)!;
      }
    } catch (err) {
      p.error = err;
    }
    return p;
  });

  const extra = opts.extraMetrics;
  const extraAliases: Record<string, string> = {};
  for (const [name, sql] of Object.entries(extra?.plan(makeCtx(conn.dialect, relation, columns, {}, opts.resultFormat, runEnv)) ?? {})) {
    if (!aliasOf.has(sql)) aliasOf.set(sql, `m${aliasOf.size}`);
    extraAliases[name] = aliasOf.get(sql)!;
  }

  // 2. Execute: one scan for every scalar metric. If it fails, each expectation's metrics
  // are re-run on their own so only the broken expectation errors.
  const values: Row = {};
  const failedAlias = new Map<string, unknown>();
  const select = (entries: [Sql, string][]) => `SELECT ${entries.map(([sql, a]) => `${sql} AS ${a}`).join(', ')} FROM ${relation}`;
  /** Reads some metrics into `values`; returns the error of a failed query (data errors are thrown). */
  const read = async (entries: [Sql, string][], purpose: 'fused' | 'fallback'): Promise<unknown> => {
    const sql = select(entries);
    opts.onQuery?.(sql, purpose);
    try {
      Object.assign(values, (await conn.query(sql))[0]);
      return undefined;
    } catch (err) {
      const fatal = dataError(err);
      if (fatal) throw fatal;
      return err ?? new Error('query failed');
    }
  };
  // One scan, unless the engine limits the length of a select list: then as few as it allows.
  const entries = [...aliasOf.entries()];
  const limit = Math.max(1, conn.dialect.capabilities.maxSelectItems);
  let fusedFailed = false;
  for (let i = 0; i < entries.length; i += limit) {
    if ((await read(entries.slice(i, i + limit), 'fused')) !== undefined) fusedFailed = true;
  }
  if (fusedFailed) {
    for (const p of planned) {
      const own = [...new Set(Object.values(p.aliases ?? {}))].filter((a) => !(a in values) && !failedAlias.has(a));
      if (own.length === 0) continue;
      const bySql = [...aliasOf.entries()].filter(([, a]) => own.includes(a));
      if ((await read(bySql, 'fallback')) === undefined) continue;
      // Metrics are shared between expectations (count(*), null counts): read this one's one by
      // one, so only the broken metric fails, not every expectation that shares the rest.
      for (const entry of bySql) {
        const err = await read([entry], 'fallback');
        if (err !== undefined) failedAlias.set(entry[1], err);
      }
    }
  }

  const unread = new Set(Object.values(extraAliases).filter((a) => !(a in values)));
  // Best effort: a profile metric the fused query could not compute stays null.
  if (unread.size)
    await read(
      [...aliasOf.entries()].filter(([, a]) => unread.has(a)),
      'fallback',
    );
  if (extra) extra.read(Object.fromEntries(Object.entries(extraAliases).map(([name, alias]) => [name, values[alias] ?? null])), columns);

  // 3. Judge, in suite order. Follow-up queries are cached by SQL across expectations.
  const cache = new Map<Sql, Promise<Row[]>>();
  const run = (sql: Sql) => {
    if (!cache.has(sql)) {
      opts.onQuery?.(sql, 'follow-up');
      cache.set(sql, guard(conn.query(sql)));
    }
    return cache.get(sql)!;
  };
  const results: ExpectationResult[] = [];
  for (const p of planned) {
    let error = p.error;
    let judged: { success: boolean; result: Record<string, unknown> } | undefined;
    if (!error) {
      const metricValues: Row = {};
      for (const [name, alias] of Object.entries(p.aliases!)) {
        if (failedAlias.has(alias)) error ??= failedAlias.get(alias);
        metricValues[name] = values[alias];
      }
      if (!error) {
        try {
          judged = await p.def!.judge(p.ctx!, metricValues, run);
        } catch (err) {
          if (err instanceof AssayDataError) throw err;
          error = err;
        }
      }
    }
    results.push(toResult(p.config, judged, error));
  }

  const evaluated = results.length;
  const successful = results.filter((r) => r.success).length;
  const engine = await conn.engineInfo();
  return {
    success: successful === evaluated,
    suite_name: suite.name,
    statistics: {
      evaluated_expectations: evaluated,
      successful_expectations: successful,
      unsuccessful_expectations: evaluated - successful,
      success_percent: evaluated ? (successful / evaluated) * 100 : null,
    },
    results,
    meta: { ...(suite.meta ?? {}), ...(suite.file ? { suite_file: suite.file } : {}) },
    run: {
      id: opts.runId ?? randomUUID(),
      start_time: start.toISOString(),
      end_time: new Date().toISOString(),
      data_source: opts.dataSource ?? relation,
      engine,
      assay_version: VERSION,
    },
  };
}

function toResult(
  config: ExpectationConfig,
  judged: { success: boolean; result: Record<string, unknown> } | undefined,
  error: unknown,
): ExpectationResult {
  const base = {
    expectation_config: { type: config.type, kwargs: config.kwargs, severity: config.severity, meta: config.meta ?? {} },
    ...(config.location ? { location: config.location } : {}),
  };
  if (error !== undefined || !judged) {
    const e = error instanceof Error ? error : new Error(String(error));
    return {
      ...base,
      success: false,
      result: {},
      exception_info: { raised_exception: true, exception_message: `${e.name}: ${e.message}`, exception_traceback: e.stack ?? null },
    };
  }
  return {
    ...base,
    success: judged.success,
    result: judged.result,
    exception_info: { raised_exception: false, exception_message: null, exception_traceback: null },
  };
}
