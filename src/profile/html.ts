// The profile as one self-contained HTML page (CSS and SVG inline, no script, no network), from
// reports/profile.hbs with the run report's stylesheet. As in src/report/html.ts, the view holds
// plain strings that handlebars escapes; the only markup passed through is the report CSS and
// the histograms drawn here, whose few texts are numbers we format.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { REPORTS_DIR } from '../report/html.js';
import { esc } from '../report/svg.js';
import { VERSION } from '../version.js';
import type { ColumnProfile, Profile } from './profile.js';

let template: HandlebarsTemplateDelegate | undefined;
const hb = Handlebars.create();

const n = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 4 });
const share = (x: number, of: number) => (of ? `${((x / of) * 100).toFixed(1)}%` : '');
const text = (v: unknown) => (v === null || v === undefined ? '–' : typeof v === 'number' ? n(v) : String(v));

/** Bars of equal-width bins; the tooltip of each gives its bounds and count. */
function histogram(bins: ColumnProfile['histogram']): string | null {
  if (bins.length === 0) return null;
  const W = 400;
  const H = 90;
  const w = W / bins.length;
  const max = Math.max(1, ...bins.map((b) => b.count));
  const bars = bins.map((b, i) => {
    const h = b.count ? Math.max(1, (b.count / max) * H) : 0;
    return `<rect class="bin" x="${(i * w + 0.5).toFixed(1)}" y="${(H - h).toFixed(1)}" width="${(w - 1).toFixed(1)}" height="${h.toFixed(1)}"><title>${esc(`${n(b.lo)} – ${n(b.hi)}: ${n(b.count)}`)}</title></rect>`;
  });
  const axis = `<text x="0" y="${H + 12}">${esc(n(bins[0]!.lo))}</text><text x="${W}" y="${H + 12}" text-anchor="end">${esc(n(bins[bins.length - 1]!.hi))}</text>`;
  return `<svg class="chart histogram" role="img" aria-label="Histogram" viewBox="0 0 ${W} ${H + 16}">${bars.join('')}${axis}</svg>`;
}

function column(c: ColumnProfile, rows: number, i: number) {
  const nonNull = rows - c.nulls;
  const stats: { label: string; value: string }[] = [
    { label: 'nulls', value: `${n(c.nulls)} (${share(c.nulls, rows) || '0%'})` },
    { label: 'distinct', value: `${n(c.distinct)}${nonNull ? ` (${share(c.distinct, nonNull)})` : ''}` },
  ];
  if (c.min !== null) stats.push({ label: 'min', value: text(c.min) }, { label: 'max', value: text(c.max) });
  if (c.mean !== null) stats.push({ label: 'mean', value: text(c.mean) }, { label: 'std dev', value: text(c.stddev) });
  for (const q of c.quantiles) if (q.q > 0 && q.q < 1) stats.push({ label: `p${Math.round(q.q * 100)}`, value: text(q.value) });
  if (c.length) stats.push({ label: 'length', value: `${c.length.min} – ${c.length.max} (mean ${n(c.length.mean)})` });
  const level = c.patterns ? (c.patterns.exact.distinct <= 5 ? c.patterns.exact : c.patterns.runs) : null;
  const svg = histogram(c.histogram);
  return {
    anchor: `col-${i}`,
    name: c.name,
    type: c.type,
    kind: c.kind,
    stats,
    histogram: svg === null ? null : new hb.SafeString(svg),
    bins: c.histogram.length,
    topValues: c.top_values.slice(0, 10).map((v) => ({ value: text(v.value), count: n(v.count), share: share(v.count, nonNull) })),
    topCaption: `Most frequent values${c.distinct > 10 ? ` (10 of ${n(c.distinct)})` : ''}`,
    patterns: (level?.top ?? []).slice(0, 10).map((v) => ({ value: text(v.value), count: n(v.count), share: share(v.count, nonNull) })),
    patternCaption: `Shapes${level === c.patterns?.runs ? ', runs folded' : ''} (A upper-case, a lower-case, 9 digit): ${n(level?.distinct ?? 0)} in all`,
  };
}

export function renderProfileHtml(p: Profile): string {
  template ??= hb.compile(readFileSync(path.join(REPORTS_DIR, 'profile.hbs'), 'utf8'), {
    knownHelpersOnly: true,
    strict: true,
    preventIndent: true,
  });
  return template({
    css: new hb.SafeString(readFileSync(path.join(REPORTS_DIR, 'report.css'), 'utf8')),
    title: `Profile: ${p.source}`,
    source: p.source,
    rows: n(p.rows),
    columnCount: p.columns.length,
    engine: p.engine,
    scans: p.scans,
    elapsed: `${(p.elapsed_ms / 1000).toFixed(1)} s`,
    generated: p.generated,
    assayVersion: VERSION,
    columns: p.columns.map((c, i) => column(c, p.rows, i)),
  });
}
