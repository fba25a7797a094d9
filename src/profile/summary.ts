// A profile in a few lines per column, for the terminal.
import type { ColumnProfile, Profile } from './profile.js';

const n = (x: number) => x.toLocaleString('en-US');
const short = (v: unknown, max = 24) => {
  const s = typeof v === 'number' ? n(Math.round(v * 1000) / 1000) : String(v);
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
};

function line(c: ColumnProfile): string {
  const parts = [
    `${c.name} ${c.type}`,
    `nulls ${c.null_fraction === null ? '–' : `${(c.null_fraction * 100).toFixed(1)}%`}`,
    `distinct ${n(c.distinct)}`,
  ];
  if (c.min !== null) parts.push(`range ${short(c.min)} … ${short(c.max)}`);
  if (c.mean !== null) parts.push(`mean ${short(c.mean)} sd ${short(c.stddev ?? NaN)}`);
  if (c.length) parts.push(`length ${c.length.min}–${c.length.max}`);
  const shape = c.patterns?.runs.top[0];
  if (shape) parts.push(`shape ${shape.value}${c.patterns!.runs.distinct > 1 ? ` (+${c.patterns!.runs.distinct - 1})` : ''}`);
  const top = c.top_values.slice(0, 3).map((v) => `${short(v.value, 16)} ×${n(v.count)}`);
  if (top.length && c.top_values[0]!.count > 1) parts.push(`top ${top.join(', ')}`);
  return `  ${parts.join(' · ')}`;
}

export function formatProfile(p: Profile): string {
  return [
    `Profile of ${p.source}: ${n(p.rows)} rows, ${p.columns.length} columns (${p.scans} scans, ${(p.elapsed_ms / 1000).toFixed(1)} s)`,
    ...p.columns.map(line),
  ].join('\n');
}
