// Small inline SVG charts for the HTML report: no library, no script, no network. Every text
// that comes from data goes through `esc`; colours come from the page's CSS classes, so a
// chart follows the report's palette. Each function returns markup (or null: nothing to draw).

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const n1 = (v: number) => String(Math.round(v * 10) / 10);

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// ---- success by expectation ----------------------------------------------------------------

export interface SuccessBar {
  /** Tooltip: "#3 expect_…: 58.29% of rows pass". */
  label: string;
  /** passed | failed-error | failed-warning | failed-info | error: a CSS class. */
  kind: string;
  /** Percent of rows that pass (map expectations), or null (all-or-nothing expectations). */
  pct: number | null;
  /** Anchor of the expectation in the page. */
  href: string;
}

/**
 * One bar per expectation, in suite order: full height when it passed, the share of rows
 * that pass when it failed (a stub for all-or-nothing checks), full and purple when it raised.
 * Scales to the page width; bars link to their expectation.
 */
export function successByExpectation(bars: SuccessBar[]): string | null {
  if (bars.length === 0) return null;
  const step = 10;
  const width = bars.length * step;
  const parts: string[] = [];
  bars.forEach((b, i) => {
    const x = i * step + 1;
    const h = b.kind === 'passed' || b.kind === 'error' ? 100 : Math.max(4, Math.min(100, b.pct ?? 0));
    const track = b.kind === 'passed' || b.kind === 'error' ? '' : `<rect class="track" x="${x}" y="0" width="8" height="100"/>`;
    parts.push(
      `<a href="${esc(b.href)}"><title>${esc(b.label)}</title>${track}<rect class="bar ${esc(b.kind)}" x="${x}" y="${n1(100 - h)}" width="8" height="${n1(h)}"/></a>`,
    );
  });
  // Few bars stay narrow instead of stretching across the page.
  const maxWidth = Math.max(120, bars.length * 28);
  return (
    `<svg class="chart success-chart" role="img" aria-label="Success by expectation" viewBox="0 0 ${width} 100" preserveAspectRatio="none" style="max-width:${maxWidth}px">` +
    `<line class="grid" x1="0" x2="${width}" y1="50" y2="50" vector-effect="non-scaling-stroke"/>` +
    `${parts.join('')}</svg>`
  );
}

// ---- distribution of values against an expected range ------------------------------------

export interface RangeSpec {
  min?: number | null;
  max?: number | null;
  minLabel?: string;
  maxLabel?: string;
  strictMin?: boolean;
  strictMax?: boolean;
  /** Unexpected values (a sample), with how often each occurs. */
  values: { x: number; label: string; count: number | null }[];
  /** An aggregate's observed value (mean, row count...). */
  observed?: { x: number; label: string };
  /** What the axis measures when it is not the values themselves ("length"). */
  unit?: string;
}

const W = 560;

/** The allowed range as a band on an axis, unexpected values as lollipops (height = count). */
export function rangeChart(spec: RangeSpec): string | null {
  const has = (v: number | null | undefined): v is number => typeof v === 'number' && Number.isFinite(v);
  const xs = [spec.min, spec.max, spec.observed?.x, ...spec.values.map((v) => v.x)].filter(has);
  if (xs.length === 0 || (spec.values.length === 0 && !spec.observed)) return null;
  let lo = Math.min(...xs);
  let hi = Math.max(...xs);
  if (lo === hi) {
    const d = Math.abs(lo) * 0.1 || 1;
    lo -= d;
    hi += d;
  }
  const pad = (hi - lo) * 0.06;
  lo -= pad;
  hi += pad;
  const left = 16;
  const right = W - 16;
  const x = (v: number) => left + ((v - lo) / (hi - lo)) * (right - left);
  const axisY = 58;
  const out: string[] = [];
  const bandFrom = has(spec.min) ? x(spec.min) : left;
  const bandTo = has(spec.max) ? x(spec.max) : right;
  out.push(
    `<rect class="allowed" x="${n1(bandFrom)}" y="14" width="${n1(Math.max(1, bandTo - bandFrom))}" height="${axisY - 14}"><title>expected range</title></rect>`,
  );
  out.push(`<line class="axis" x1="${left}" x2="${right}" y1="${axisY}" y2="${axisY}"/>`);
  const clampX = (v: number) => Math.min(W - 50, Math.max(50, v));
  if (has(spec.min)) {
    out.push(`<line class="bound" x1="${n1(bandFrom)}" x2="${n1(bandFrom)}" y1="10" y2="${axisY + 4}"/>`);
    out.push(
      `<text class="label" x="${n1(clampX(bandFrom))}" y="${axisY + 16}" text-anchor="middle">${spec.strictMin ? '>' : '≥'} ${esc(clip(spec.minLabel ?? String(spec.min), 28))}</text>`,
    );
  }
  if (has(spec.max)) {
    out.push(`<line class="bound" x1="${n1(bandTo)}" x2="${n1(bandTo)}" y1="10" y2="${axisY + 4}"/>`);
    out.push(
      `<text class="label" x="${n1(clampX(bandTo))}" y="${axisY + 30}" text-anchor="middle">${spec.strictMax ? '<' : '≤'} ${esc(clip(spec.maxLabel ?? String(spec.max), 28))}</text>`,
    );
  }
  // Values a few pixels apart share one stem (their counts add up), so a wide sample stays
  // a handful of marks and a light page.
  const stems = new Map<number, { x: number; count: number; known: boolean; labels: string[] }>();
  for (const v of spec.values) {
    const key = Math.round(x(v.x) / 4);
    const stem = stems.get(key) ?? { x: x(v.x), count: 0, known: true, labels: [] };
    stem.count += v.count ?? 1;
    stem.known &&= v.count !== null;
    stem.labels.push(`${v.label}${v.count !== null ? ` × ${v.count}` : ''}`);
    stems.set(key, stem);
  }
  const maxCount = Math.max(1, ...[...stems.values()].map((s) => s.count));
  for (const stem of stems.values()) {
    const top = axisY - 8 - 36 * (stem.count / maxCount);
    const tip =
      stem.labels.length > 6 ? `${stem.labels.slice(0, 6).join(', ')} and ${stem.labels.length - 6} more` : stem.labels.join(', ');
    out.push(
      `<g class="value"><title>${esc(tip)}</title><line class="stem" x1="${n1(stem.x)}" x2="${n1(stem.x)}" y1="${axisY}" y2="${n1(top)}"/><circle class="dot" cx="${n1(stem.x)}" cy="${n1(top)}" r="3.5"/></g>`,
    );
  }
  if (spec.observed) {
    const cx = x(spec.observed.x);
    out.push(
      `<g class="observed"><title>observed ${esc(spec.observed.label)}</title><path class="marker" d="M${n1(cx)} ${axisY - 9} l7 9 l-7 9 l-7 -9 z"/></g>`,
    );
    out.push(
      `<text class="label strong" x="${n1(clampX(cx))}" y="10" text-anchor="middle">observed ${esc(clip(spec.observed.label, 32))}</text>`,
    );
  }
  const what = spec.unit ? ` (${esc(spec.unit)})` : '';
  return `<svg class="chart range-chart" role="img" aria-label="Values against the expected range${what}" viewBox="0 0 ${W} 96">${out.join('')}</svg>`;
}

// ---- unexpected values against an expected set ---------------------------------------------

export interface SetSpec {
  values: { label: string; count: number | null }[];
}

/** Horizontal bars: how often each unexpected value occurs (the most frequent first). */
export function setChart(spec: SetSpec, maxRows = 12): string | null {
  const rows = spec.values.slice(0, maxRows);
  if (rows.length === 0) return null;
  const rowH = 20;
  const labelW = 180;
  const barMax = W - labelW - 60;
  const maxCount = Math.max(1, ...rows.map((r) => r.count ?? 1));
  const out = rows.map((r, i) => {
    const y = i * rowH + 2;
    const w = Math.max(2, (barMax * (r.count ?? 1)) / maxCount);
    const count =
      r.count === null ? '' : `<text class="label" x="${n1(labelW + 8 + w + 4)}" y="${y + 13}">${r.count.toLocaleString('en-US')}</text>`;
    return `<g><title>${esc(r.label)}${r.count !== null ? ` × ${r.count}` : ''}</title><text class="label" x="${labelW}" y="${y + 13}" text-anchor="end">${esc(clip(r.label, 28))}</text><rect class="bad" x="${labelW + 8}" y="${y + 2}" width="${n1(w)}" height="${rowH - 6}"/>${count}</g>`;
  });
  return `<svg class="chart set-chart" role="img" aria-label="Unexpected values by count" viewBox="0 0 ${W} ${rows.length * rowH + 4}">${out.join('')}</svg>`;
}

// ---- share of rows ------------------------------------------------------------------------

/** One stacked bar: rows that pass, unexpected rows, missing (null) rows. */
export function rowsBar(parts: { ok: number; unexpected: number; missing: number }): string | null {
  const total = parts.ok + parts.unexpected + parts.missing;
  if (!(total > 0)) return null;
  let at = 0;
  const seg = (cls: string, n: number, what: string) => {
    if (n <= 0) return '';
    const w = (n / total) * W;
    const s = `<rect class="${cls}" x="${n1(at)}" y="0" width="${n1(Math.max(w, 1.5))}" height="12"><title>${n.toLocaleString('en-US')} ${what}</title></rect>`;
    at += w;
    return s;
  };
  return `<svg class="chart rows-bar" role="img" aria-label="Rows: passing, unexpected, missing" viewBox="0 0 ${W} 12" preserveAspectRatio="none">${seg('ok', parts.ok, 'rows pass')}${seg('bad', parts.unexpected, 'unexpected')}${seg('missing', parts.missing, 'missing (null)')}</svg>`;
}

// ---- trend of a suite over runs -------------------------------------------------------------

export interface TrendPoint {
  pct: number | null;
  /** passed | failed | closed: a CSS class for the dot. */
  kind: string;
  label: string;
}

/** Success percentage over runs, oldest to newest, as a small line with a dot per run. */
export function sparkline(points: TrendPoint[], width = 180, height = 40): string | null {
  const pts = points.filter((p) => typeof p.pct === 'number');
  if (pts.length === 0) return null;
  const step = pts.length > 1 ? (width - 10) / (pts.length - 1) : 0;
  const xy = pts.map((p, i) => [5 + i * step, height - 5 - ((p.pct as number) / 100) * (height - 10)] as const);
  const line = pts.length > 1 ? `<polyline class="trend" points="${xy.map(([x, y]) => `${n1(x)},${n1(y)}`).join(' ')}"/>` : '';
  const dots = pts.map(
    (p, i) =>
      `<circle class="dot ${esc(p.kind)}" cx="${n1(xy[i]![0])}" cy="${n1(xy[i]![1])}" r="${i === pts.length - 1 ? 3.5 : 2.5}"><title>${esc(p.label)}</title></circle>`,
  );
  return `<svg class="chart sparkline" role="img" aria-label="Success percentage over runs" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><line class="grid" x1="0" x2="${width}" y1="5" y2="5"/>${line}${dots.join('')}</svg>`;
}
