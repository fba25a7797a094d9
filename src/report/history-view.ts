// What the HTML report shows of a history-aware result: the series chart with its band
// (anomaly checks), the list of schema changes (drift), and the note of a cold start.
import type { ExpectationResult } from '../engine/types.js';
import { fmt, seriesChart } from './history-svg.js';

interface HistoryDetails {
  metric?: string;
  column?: string | null;
  method?: string;
  window?: number;
  threshold?: number;
  band?: { min: number; max: number } | null;
  note?: string;
  series?: { time: string; value: number | null; used?: boolean; flagged?: boolean }[];
}

export interface HistoryView {
  chart: string | null;
  caption: string;
  note: string;
  changes: string[];
}

export function historyView(r: ExpectationResult): HistoryView | null {
  const details = r.result.details as { history?: HistoryDetails; changes?: unknown[]; summary?: string; note?: string } | undefined;
  if (!details) return null;
  if (Array.isArray(details.changes)) {
    const changes = details.summary ? details.summary.split(', ') : [];
    return { chart: null, caption: '', note: details.note ?? '', changes };
  }
  const h = details.history;
  if (!h) return null;
  const observed = typeof r.result.observed_value === 'number' ? r.result.observed_value : null;
  const points = (h.series ?? [])
    .filter((p): p is { time: string; value: number; used?: boolean; flagged?: boolean } => typeof p.value === 'number')
    .map((p) => ({
      value: p.value,
      label: `${p.time}: ${fmt(p.value)}${p.flagged ? ' (flagged earlier)' : ''}`,
      kind: p.flagged ? ('flagged' as const) : p.used ? ('used' as const) : ('other' as const),
    }));
  const chart = seriesChart({
    points,
    band: h.band,
    current: observed === null ? undefined : { value: observed, label: `this run: ${fmt(observed)}`, ok: r.success },
  });
  const what = `${(h.metric ?? 'metric').replaceAll('_', ' ')}${h.column ? ` of ${h.column}` : ''}`;
  const band = h.band
    ? `accepted band ${fmt(h.band.min)} – ${fmt(h.band.max)} (${h.method}, threshold ${h.threshold}, last ${h.window} runs)`
    : 'no band yet';
  return {
    chart,
    caption: `${what} over the last ${points.length} runs and this one; ${band}`,
    note: h.note ?? '',
    changes: [],
  };
}
