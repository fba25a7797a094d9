// A reconciliation's result in words: how many rows are missing, extra and changed, which
// columns changed how often, and the keys of a few of them (expect_table_to_match_other_table);
// or how many groups differ, in which aggregates, and a few of them with both values
// (expect_table_aggregates_to_match_other_table).
// Read from the result's shape, not its type, so a project's own comparison that reports the
// same shape is shown the same way. Every report words it through here.
import type { ExpectationResult } from '../engine/types.js';
import { formatCount, formatValue } from './run-report.js';

export interface DifferencesView {
  /** "2 missing, 1 extra, 2 changed of 49 rows (50 in the other table)" */
  headline: string;
  /** What `columns` counts: "Changed columns", "Differing aggregates". */
  columnsLabel: string;
  /** Changed rows per compared column (groups per aggregate), most first. */
  columns: { name: string; count: string }[];
  /** Sample keys per kind of difference; a changed row names its differing columns and both values. */
  samples: { kind: string; items: string[] }[];
}

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

/** `id=10`, `(region=eu, n=1)`. */
export function formatKey(key: unknown): string {
  if (!isRec(key)) return formatValue(key, 60);
  const parts = Object.entries(key).map(([k, v]) => `${k}=${v === null ? 'null' : formatValue(v, 40)}`);
  return parts.length === 1 ? parts[0]! : `(${parts.join(', ')})`;
}

export function differencesOf(r: ExpectationResult): DifferencesView | null {
  const o = r.result.observed_value;
  if (isRec(o) && typeof o.differing_groups === 'number' && isRec(o.aggregates)) return aggregateDifferences(r, o);
  if (!isRec(o) || !['missing', 'extra', 'changed'].every((k) => typeof o[k] === 'number')) return null;
  const details = isRec(r.result.details) ? r.result.details : {};
  const parts = [`${formatCount(o.missing)} missing`, `${formatCount(o.extra)} extra`, `${formatCount(o.changed)} changed`];
  if (num(o.duplicate_keys)) parts.push(`${formatCount(o.duplicate_keys)} duplicated key${o.duplicate_keys === 1 ? '' : 's'}`);
  const rows = typeof o.rows === 'number' ? ` of ${formatCount(o.rows)} rows` : '';
  const other = typeof o.other_rows === 'number' ? ` (${formatCount(o.other_rows)} in the other table)` : '';
  const changedColumns = isRec(details.changed_columns) ? details.changed_columns : {};
  const columns = Object.entries(changedColumns)
    .sort(([, a], [, b]) => num(b) - num(a))
    .map(([name, count]) => ({ name, count: formatCount(count) }));
  const s = isRec(details.samples) ? details.samples : {};
  const samples: DifferencesView['samples'] = [];
  for (const kind of ['missing', 'extra'] as const)
    if (Array.isArray(s[kind]) && s[kind].length) samples.push({ kind, items: s[kind].map(formatKey) });
  if (Array.isArray(s.changed) && s.changed.length)
    samples.push({
      kind: 'changed (here ≠ other)',
      items: s.changed.map((c: unknown) => {
        const row = isRec(c) ? c : {};
        const cols = Object.entries(isRec(row.columns) ? row.columns : {}).map(([name, v]) => {
          const pair = isRec(v) ? v : {};
          return `${name} ${formatValue(pair.self ?? null, 40)} ≠ ${formatValue(pair.other ?? null, 40)}`;
        });
        return `${formatKey(row.key)}: ${cols.join(', ')}`;
      }),
    });
  if (isRec(s.duplicate_keys))
    for (const side of ['self', 'other'] as const) {
      const list = s.duplicate_keys[side];
      if (Array.isArray(list) && list.length)
        samples.push({
          kind: side === 'self' ? 'duplicated here' : 'duplicated in the other table',
          items: list.map((d: unknown) => (isRec(d) ? `${formatKey(d.key)} ×${formatCount(d.rows)}` : formatValue(d, 60))),
        });
    }
  return { headline: `${parts.join(', ')}${rows}${other}`, columnsLabel: 'Changed columns', columns, samples };
}

function aggregateDifferences(r: ExpectationResult, o: Rec): DifferencesView {
  const details = isRec(r.result.details) ? r.result.details : {};
  const grouped = Array.isArray(details.group_by) && details.group_by.length > 0;
  const aggregates = Object.entries(o.aggregates as Rec).map(([name, v]): Rec & { name: string } => ({ ...(isRec(v) ? v : {}), name }));
  const pair = (v: unknown) => {
    const p = isRec(v) ? v : {};
    return p.self === p.other
      ? formatValue(p.self ?? null, 40)
      : `${formatValue(p.self ?? null, 40)} ≠ ${formatValue(p.other ?? null, 40)}`;
  };
  const totals = aggregates.filter((a) => 'self' in a).map((a) => `${a.name} ${pair(a)}`);
  let headline: string;
  if (grouped) {
    const extra = [
      num(o.missing_groups) && `${formatCount(o.missing_groups)} missing here`,
      num(o.extra_groups) && `${formatCount(o.extra_groups)} extra`,
    ];
    const more = extra.filter(Boolean).join(', ');
    headline = `${formatCount(o.differing_groups)} of ${formatCount(o.groups)} groups differ${more ? ` (${more})` : ''}`;
    if (totals.length) headline += `; in total ${totals.join(', ')}`;
  } else headline = `${num(o.differing_groups) ? 'differ' : 'agree'}: ${totals.join(', ')}`;
  const columns = grouped
    ? aggregates
        .filter((a) => num(a.differing_groups) > 0)
        .sort((a, b) => num(b.differing_groups) - num(a.differing_groups))
        .map((a) => ({ name: a.name, count: formatCount(a.differing_groups) }))
    : [];
  const items = (Array.isArray(details.samples) ? details.samples : []).map((sample: unknown) => {
    const row = isRec(sample) ? sample : {};
    const where = row.missing ? ' (missing here)' : row.extra ? ' (extra)' : '';
    const values = Object.entries(isRec(row.aggregates) ? row.aggregates : {}).map(([name, v]) => `${name} ${pair(v)}`);
    return `${row.group !== undefined ? `${formatKey(row.group)}${where}: ` : ''}${values.join(', ')}`;
  });
  return {
    headline,
    columnsLabel: 'Differing aggregates',
    columns,
    samples: grouped && items.length ? [{ kind: 'groups (here ≠ other)', items }] : [],
  };
}

/** The differences in one line, for the terminal, Markdown, JUnit and annotations. */
export function differencesLine(view: DifferencesView): string {
  const parts = [view.headline];
  if (view.columns.length) parts.push(`${view.columnsLabel.toLowerCase()} ${view.columns.map((c) => `${c.name} ${c.count}`).join(', ')}`);
  for (const s of view.samples) parts.push(`${s.kind} ${s.items.slice(0, 3).join(', ')}${s.items.length > 3 ? ', …' : ''}`);
  return parts.join('; ');
}
