// The words of a history-aware result, for observedLine (./run-report.ts) and so for every
// output: the metric and the band it was judged against, with the method and the runs the band
// came from; a cold start or a missing store said as such; a freshness check's age against
// max_age; a drift check's changes. Read from the result's details, so a report rendered later
// from run.json says the same.
import type { ExpectationResult } from '../engine/types.js';
import { formatDuration } from '../history/duration.js';
import { fmt } from './history-svg.js';

interface HistoryDetails {
  metric?: string;
  column?: string | null;
  method?: string;
  threshold?: number;
  min_history?: number;
  season?: string;
  band?: { min: number; max: number } | null;
  runs_used?: number;
  note?: string;
  series?: { used?: boolean }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "row count 512 outside the accepted band 940–1,060 (z_score over 14 runs)", or null when the result does not read history. */
export function historyLine(r: ExpectationResult): string | null {
  const details = r.result.details as Record<string, unknown> | undefined;
  if (!details || typeof details !== 'object') return null;
  if (details.history && typeof details.history === 'object') return anomalyLine(r, details.history as HistoryDetails);
  if (typeof details.max_age_seconds === 'number') return freshnessLine(r, details);
  if (Array.isArray(details.changes)) return driftLine(r, details);
  return null;
}

function anomalyLine(r: ExpectationResult, h: HistoryDetails): string {
  const what = `${(h.metric ?? 'metric').replaceAll('_', ' ')}${h.column ? ` of ${h.column}` : ''}`;
  const observed = r.result.observed_value;
  const value = typeof observed === 'number' ? fmt(observed) : observed === null ? 'null' : String(observed);
  const runs = h.runs_used ?? (h.series ?? []).filter((p) => p.used).length;
  if (!h.band) {
    if (!h.method || h.min_history === undefined) return `${what} ${value}: not judged, ${h.note ?? 'no history'}`;
    return `${what} ${value}: not judged yet, cold start (${plural(runs, 'usable past run')}, ${h.min_history} needed)`;
  }
  const band = `${fmt(h.band.min)}–${fmt(h.band.max)}`;
  const how =
    h.method === 'relative_change'
      ? `relative_change, ±${fmt((h.threshold ?? 0) * 100)}% of ${runs === 1 ? 'the previous run' : `the mean of ${plural(runs, 'run')}`}`
      : `${h.method}${h.method === 'seasonal' ? ' (same weekday)' : ''} over ${plural(runs, 'run')}`;
  const where = typeof observed !== 'number' ? 'has no value, not within' : r.success ? 'within' : 'outside';
  return `${what} ${typeof observed === 'number' ? `${value} ` : ''}${where} the accepted band ${band} (${how})`;
}

function freshnessLine(r: ExpectationResult, d: Record<string, unknown>): string {
  const column = String(r.expectation_config.kwargs.column ?? 'column');
  const maxAge = formatDuration(d.max_age_seconds as number);
  if (typeof d.age_seconds !== 'number') return `${column} has no values: no newest value to be within max_age ${maxAge}`;
  const newest = typeof r.result.observed_value === 'string' ? `${r.result.observed_value} ` : '';
  return `newest ${column} ${newest}is ${formatDuration(d.age_seconds)} old, ${r.success ? 'within' : 'older than'} max_age ${maxAge}`;
}

function driftLine(r: ExpectationResult, d: Record<string, unknown>): string {
  const previous = d.previous as { time?: string } | undefined;
  if (!previous) return `columns not compared: ${String(d.note ?? 'no earlier successful run')}`;
  const since = `since the last successful run${previous.time ? ` (${previous.time})` : ''}`;
  if (!(d.changes as unknown[]).length) return `columns unchanged ${since}`;
  return `columns changed ${since}: ${String(d.summary ?? '')}${r.success ? ' (allowed)' : ''}`;
}
