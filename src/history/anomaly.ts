// The anomaly methods: from a metric's past values, the band today's value must fall in. Pure
// functions of the history points and the run's clock, so each can be checked by hand.
//
//   relative_change  center = mean of the last `window` values (default 1: the previous run);
//                    band = center × (1 ± threshold)            (threshold a fraction, default 0.2)
//   z_score          center = mean, spread = sample standard deviation of the last `window`
//                    values; band = center ± threshold × spread  (default window 30, threshold 3)
//   mad              center = median, spread = 1.4826 × median absolute deviation (a robust
//                    standard deviation); band = center ± threshold × spread  (default 30, 3.5)
//   seasonal         as mad, over the past values that fell on the same day of the week (UTC)
//                    as now; `window` counts those values (default 8, about two months)
//
// Fewer than `min_history` usable values (default 1 for relative_change, 3 for seasonal, 5
// otherwise): no band, the check passes with a note (cold start). Values a history-aware check
// flagged before are left out (`exclude_anomalies`, default true), so one incident does not
// widen the band for the next. A spread of 0 (a constant history) is widened to 1% of the center
// so that a constant metric does not fail on rounding noise; `min_spread` sets it yourself.
import { InvalidKwargsError } from '../errors.js';
import type { HistoryPoint } from './store.js';

export const METHODS = ['relative_change', 'z_score', 'mad', 'seasonal'] as const;
export type Method = (typeof METHODS)[number];

export interface AnomalyOptions {
  method: Method;
  window?: number;
  threshold?: number;
  min_history?: number;
  season?: 'day_of_week';
  exclude_anomalies?: boolean;
  min_spread?: number;
}

export interface Band {
  method: Method;
  window: number;
  threshold: number;
  min_history: number;
  /** The points the band was computed from, oldest first. */
  used: HistoryPoint[];
  center: number | null;
  spread: number | null;
  min: number | null;
  max: number | null;
  /** Why there is no band (cold start). */
  note?: string;
}

const DEFAULTS: Record<Method, { window: number; threshold: number; min_history: number }> = {
  relative_change: { window: 1, threshold: 0.2, min_history: 1 },
  z_score: { window: 30, threshold: 3, min_history: 5 },
  mad: { window: 30, threshold: 3.5, min_history: 5 },
  seasonal: { window: 8, threshold: 3.5, min_history: 3 },
};

/** How many recent points to read from the store for these options. */
export function pointsNeeded(o: AnomalyOptions): number {
  const window = o.window ?? DEFAULTS[o.method].window;
  // Seasonal: one value a week is kept out of seven; flagged values are skipped too.
  return (o.method === 'seasonal' ? window * 7 : window) * 2 + 10;
}

export function checkAnomalyOptions(o: AnomalyOptions): void {
  if (!METHODS.includes(o.method)) throw new InvalidKwargsError(`method must be one of ${METHODS.join(', ')}`);
  if (o.window !== undefined && !(Number.isInteger(o.window) && o.window >= 1))
    throw new InvalidKwargsError('window must be a whole number of runs, at least 1');
  if (o.threshold !== undefined && !(o.threshold >= 0)) throw new InvalidKwargsError('threshold must be a number, at least 0');
  if (o.season !== undefined && o.method !== 'seasonal') throw new InvalidKwargsError('season applies to method seasonal');
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function computeBand(points: HistoryPoint[], o: AnomalyOptions, now: Date): Band {
  const d = DEFAULTS[o.method];
  const window = o.window ?? d.window;
  const threshold = o.threshold ?? d.threshold;
  const min_history = o.min_history ?? d.min_history;
  let usable = points.filter((p) => p.value !== null && Number.isFinite(p.value) && !(p.flagged && o.exclude_anomalies !== false));
  if (o.method === 'seasonal') usable = usable.filter((p) => new Date(p.time).getUTCDay() === now.getUTCDay());
  const used = usable.slice(-window);
  const base = { method: o.method, window, threshold, min_history, used };
  if (used.length < min_history || used.length === 0) {
    const note = `cold start: ${used.length} usable past value${used.length === 1 ? '' : 's'}, fewer than min_history ${min_history}; passing until there are enough`;
    return { ...base, center: null, spread: null, min: null, max: null, note };
  }
  const xs = used.map((p) => p.value!);
  let center: number;
  let spread: number;
  if (o.method === 'relative_change') {
    center = mean(xs);
    spread = Math.abs(center) * threshold;
    return { ...base, center, spread, min: center - spread, max: center + spread };
  }
  if (o.method === 'z_score') {
    center = mean(xs);
    spread = xs.length > 1 ? Math.sqrt(xs.reduce((a, x) => a + (x - center) ** 2, 0) / (xs.length - 1)) : 0;
  } else {
    center = median(xs);
    spread = 1.4826 * median(xs.map((x) => Math.abs(x - center)));
  }
  spread = Math.max(spread, o.min_spread ?? Math.abs(center) * 0.01);
  return { ...base, center, spread, min: center - threshold * spread, max: center + threshold * spread };
}

/** Inside the band (a cold start has none: inside). */
export const withinBand = (value: number | null, band: Band) =>
  band.min === null || band.max === null || (value !== null && value >= band.min && value <= band.max);
