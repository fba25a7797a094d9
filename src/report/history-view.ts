// What the HTML report shows of a history-aware result: the series chart with its band
// (anomaly checks), the newest value's age against max_age (freshness), the list of schema
// changes (drift), and the note of a cold start.
import type { ExpectationResult } from '../engine/types.js';
import { formatDuration } from '../history/duration.js';
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

interface FreshnessDetails {
  max_age_seconds: number;
  age_seconds?: number;
  series?: { time: string; newest: string; age_seconds: number; late: boolean }[];
}

export function historyView(r: ExpectationResult): HistoryView | null {
  const details = r.result.details as
    { history?: HistoryDetails; changes?: unknown[]; summary?: string; note?: string; max_age_seconds?: number } | undefined;
  if (!details) return null;
  if (typeof details.max_age_seconds === 'number') return freshnessView(r, details as FreshnessDetails);
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

/** The newest value's age at each recent run and at this one, against the max_age line. */
function freshnessView(r: ExpectationResult, d: FreshnessDetails): HistoryView | null {
  const series = d.series ?? [];
  if (!series.length) return null;
  const column = String(r.expectation_config.kwargs.column ?? 'column');
  const maxAge = formatDuration(d.max_age_seconds);
  const chart = seriesChart({
    points: series.map((p) => ({
      value: p.age_seconds,
      label: `${p.time}: newest ${p.newest}, ${formatDuration(p.age_seconds)} old${p.late ? ` (older than max_age ${maxAge})` : ''}`,
      kind: p.late ? ('flagged' as const) : ('used' as const),
    })),
    limit: { value: d.max_age_seconds, label: `max_age ${maxAge}` },
    current:
      typeof d.age_seconds === 'number'
        ? { value: d.age_seconds, label: `this run: ${formatDuration(d.age_seconds)} old`, ok: r.success }
        : undefined,
    label: `Age of the newest ${column} over recent runs against max_age ${maxAge}`,
  });
  const late = series.filter((p) => p.late).length;
  return {
    chart,
    caption: `age of the newest ${column} at the last ${series.length} runs and this one; dashed: max_age ${maxAge}${late ? `; ${late} earlier run${late === 1 ? '' : 's'} past it in amber` : ''}`,
    note: '',
    changes: [],
  };
}
