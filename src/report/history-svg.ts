// The chart of a history-aware result: the metric's recent values as a line, the band this
// run's value had to fall in, the values the band was computed from, those flagged before, and
// this run's value (red when it broke the band); for freshness, the newest value's age at each
// run against the max_age line. Everything it draws comes from the result.
import { esc } from './svg.js';

export interface SeriesPoint {
  value: number;
  label: string;
  /** used: in the band's history; flagged: an earlier anomaly; other: shown only. */
  kind: 'used' | 'flagged' | 'other';
}

export interface SeriesSpec {
  points: SeriesPoint[];
  current?: { value: number; label: string; ok: boolean };
  band?: { min: number; max: number } | null;
  /** A limit drawn as a dashed line (freshness: max_age). */
  limit?: { value: number; label: string };
  /** What the chart shows, for screen readers. */
  label?: string;
  width?: number;
  height?: number;
}

const n1 = (v: number) => String(Math.round(v * 10) / 10);

export function seriesChart(spec: SeriesSpec): string | null {
  const all = [...spec.points.map((p) => p.value), ...(spec.current ? [spec.current.value] : [])];
  if (all.length === 0) return null;
  const W = spec.width ?? 560;
  const H = spec.height ?? 110;
  const ys = [...all, ...(spec.band ? [spec.band.min, spec.band.max] : []), ...(spec.limit ? [spec.limit.value] : [])].filter(
    Number.isFinite,
  );
  let lo = Math.min(...ys);
  let hi = Math.max(...ys);
  if (lo === hi) {
    const d = Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  const pad = (hi - lo) * 0.08;
  lo -= pad;
  hi += pad;
  const top = 8;
  const bottom = H - 8;
  const left = 6;
  const right = W - 6;
  const count = all.length;
  const x = (i: number) => (count === 1 ? (left + right) / 2 : left + (i / (count - 1)) * (right - left));
  const y = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  const out: string[] = [];
  if (spec.band) {
    const y1 = y(Math.min(hi, spec.band.max));
    const y2 = y(Math.max(lo, spec.band.min));
    out.push(
      `<rect class="allowed" x="${left}" y="${n1(y1)}" width="${right - left}" height="${n1(Math.max(1, y2 - y1))}"><title>accepted band ${esc(fmt(spec.band.min))} – ${esc(fmt(spec.band.max))}</title></rect>`,
    );
  }
  if (spec.limit) {
    const ly = n1(y(spec.limit.value));
    out.push(`<line class="limit" x1="${left}" y1="${ly}" x2="${right}" y2="${ly}"><title>${esc(spec.limit.label)}</title></line>`);
  }
  const xy = all.map((v, i) => `${n1(x(i))},${n1(y(v))}`);
  if (xy.length > 1) out.push(`<polyline class="trend" points="${xy.join(' ')}"/>`);
  spec.points.forEach((p, i) => {
    out.push(`<circle class="dot ${p.kind}" cx="${n1(x(i))}" cy="${n1(y(p.value))}" r="2.5"><title>${esc(p.label)}</title></circle>`);
  });
  if (spec.current) {
    const i = all.length - 1;
    out.push(
      `<circle class="dot current ${spec.current.ok ? 'ok' : 'broke'}" cx="${n1(x(i))}" cy="${n1(y(spec.current.value))}" r="4.5"><title>${esc(spec.current.label)}</title></circle>`,
    );
  }
  return `<svg class="chart series-chart" role="img" aria-label="${esc(spec.label ?? 'The metric over recent runs against its accepted band')}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="none">${out.join('')}</svg>`;
}

export function fmt(v: number): string {
  return Math.abs(v) >= 1000 || Number.isInteger(v) ? Math.round(v).toLocaleString('en-US') : String(Number(v.toPrecision(4)));
}
