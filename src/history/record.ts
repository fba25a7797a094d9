// Keeping history for one validation: the options that give the engine the run's clock, the
// asset's past (ctx.history) and the column profile to fuse into its scan, then the write of
// the run's metrics to the store. `assay validate --runs` and every pipeline validation use it.
import { randomUUID } from 'node:crypto';
import type { Column, Ctx, ExpectationResult, Row, Sql, Suite, SuiteValidationResult } from '../engine/types.js';
import { parseInstant } from '../engine/aggregate.js';
import { planProfile, type ProfileValue } from './profile.js';
import { historyView, recordRun, storeFile, type HistoryView, type MetricRow } from './store.js';

export interface KeepHistory {
  /** The store file (`<runs>/history.duckdb`). */
  store: string;
  asset: string;
  now: Date;
  runId: string;
}

export interface HistoryRecorder {
  /** Spread into validate()'s options. */
  options: {
    runId: string;
    now: Date;
    history: HistoryView;
    extraMetrics: { plan(ctx: Ctx): Record<string, Sql>; read(values: Row, columns: Column[]): void };
  };
  /** Writes the run's metrics once validate() returned. */
  record(result: SuiteValidationResult): Promise<void>;
}

export function keepHistory(k: KeepHistory): HistoryRecorder {
  let profile: ProfileValue[] = [];
  let columns: Column[] = [];
  let read: ((values: Row) => ProfileValue[]) | undefined;
  return {
    options: {
      runId: k.runId,
      now: k.now,
      history: historyView(k.store, k.asset, k.now, k.runId),
      extraMetrics: {
        plan(ctx) {
          const p = planProfile(ctx);
          read = p.read;
          return p.sql;
        },
        read(values, cols) {
          profile = read?.(values) ?? [];
          columns = cols;
        },
      },
    },
    record: (result) =>
      recordRun(k.store, {
        runId: k.runId,
        asset: k.asset,
        suite: result.suite_name,
        runTime: k.now,
        success: result.success,
        dataSource: result.run.data_source,
        metrics: metricRows(result.results, profile),
        columns,
      }),
  };
}

/** What a failed history-aware result flagged: `metric|column`. */
const flagKey = (metric: string, column: string | null) => JSON.stringify([metric, column]);

/** A run's metric rows: the column profile, then each expectation's numbers. */
export function metricRows(results: ExpectationResult[], profile: ProfileValue[]): MetricRow[] {
  const flagged = new Set<string>();
  for (const r of results) {
    const h = (r.result.details as { history?: { metric?: string; column?: string | null } } | undefined)?.history;
    if (!r.success && h?.metric) flagged.add(flagKey(h.metric, h.column ?? null));
  }
  const rows: MetricRow[] = profile.map((p) => ({
    expectation: null,
    expectationIndex: null,
    column: p.column,
    metric: p.metric,
    value: p.value,
    text: p.text,
    flagged: flagged.has(flagKey(p.metric, p.column)),
  }));
  results.forEach((r, i) => {
    const kwargs = r.expectation_config.kwargs;
    const base = {
      expectation: r.expectation_config.type,
      expectationIndex: i,
      column: typeof kwargs.column === 'string' ? kwargs.column : null,
      flagged: !r.success,
    };
    rows.push({ ...base, metric: 'success', value: r.success ? 1 : 0, text: null });
    for (const metric of [
      'observed_value',
      'element_count',
      'unexpected_count',
      'unexpected_percent',
      'missing_count',
      'missing_percent',
    ]) {
      if (metric in r.result) rows.push({ ...base, metric, ...asValue(r.result[metric]) });
    }
  });
  return rows;
}

/** A result value as a number where it has one (date/times: seconds since the epoch). */
function asValue(v: unknown): { value: number | null; text: string | null } {
  if (v === null || v === undefined) return { value: null, text: null };
  if (typeof v === 'number') return { value: v, text: null };
  if (typeof v === 'boolean') return { value: v ? 1 : 0, text: null };
  if (typeof v === 'string') {
    const instant = parseInstant(v);
    return {
      value: instant ? Number(instant.micros) / 1e6 : Number.isFinite(Number(v)) && v.trim() !== '' ? Number(v) : null,
      text: v.slice(0, 1000),
    };
  }
  return { value: null, text: JSON.stringify(v).slice(0, 1000) };
}

/**
 * The recorder for a validation kept under `runs` (`assay validate --runs`, the API's `runs`
 * option), or undefined without one. The asset is the one asked for, else the suite's `asset`,
 * else its name.
 */
export function keepValidationHistory(
  runs: string | undefined,
  suite: Pick<Suite, 'asset' | 'name'>,
  o: { asset?: string; now: Date; runId?: string },
): HistoryRecorder | undefined {
  if (!runs) return undefined;
  return keepHistory({ store: storeFile(runs), asset: o.asset ?? suite.asset ?? suite.name, now: o.now, runId: o.runId ?? randomUUID() });
}
