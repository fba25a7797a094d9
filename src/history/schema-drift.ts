// Schema drift: how the columns of this run differ from those of the asset's last successful
// run. A renamed column shows as one removed and one added (with a hint when the two sit at the
// same position with the same type); a moved column as reordered.
import type { Column } from '../engine/types.js';

export const CHANGE_KINDS = ['added', 'removed', 'retyped', 'reordered'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export interface SchemaChange {
  change: ChangeKind;
  column: string;
  /** Type (added, removed), old type (retyped) or old position (reordered, 0-based). */
  from?: string | number;
  to?: string | number;
  /** removed/added: the column this one may have been renamed to or from. */
  renamed?: string;
}

export function schemaChanges(before: Column[], after: Column[]): SchemaChange[] {
  const old = new Map(before.map((c, i) => [c.name, { ...c, i }]));
  const now = new Map(after.map((c, i) => [c.name, { ...c, i }]));
  const changes: SchemaChange[] = [];
  const removed = before.filter((c) => !now.has(c.name));
  const added = after.filter((c) => !old.has(c.name));
  for (const c of removed) {
    const renamed = added.find((a) => a.type === c.type && after.indexOf(a) === before.indexOf(c))?.name;
    changes.push({ change: 'removed', column: c.name, from: c.type, ...(renamed ? { renamed } : {}) });
  }
  for (const c of added) {
    const renamed = removed.find((r) => r.type === c.type && before.indexOf(r) === after.indexOf(c))?.name;
    changes.push({ change: 'added', column: c.name, to: c.type, ...(renamed ? { renamed } : {}) });
  }
  for (const c of after) {
    const o = old.get(c.name);
    if (o && o.type !== c.type) changes.push({ change: 'retyped', column: c.name, from: o.type, to: c.type });
  }
  // Order among the columns both runs have: a column whose position in that common order moved.
  const commonBefore = before.filter((c) => now.has(c.name)).map((c) => c.name);
  const commonAfter = after.filter((c) => old.has(c.name)).map((c) => c.name);
  commonAfter.forEach((name, i) => {
    if (commonBefore[i] !== name) changes.push({ change: 'reordered', column: name, from: commonBefore.indexOf(name), to: i });
  });
  return changes;
}

/** "removed amount (DOUBLE; renamed to amt?), added amt (DOUBLE)". */
export function describeChanges(changes: SchemaChange[]): string {
  return changes
    .map((c) => {
      switch (c.change) {
        case 'added':
          return `added ${c.column} (${c.to}${c.renamed ? `; renamed from ${c.renamed}?` : ''})`;
        case 'removed':
          return `removed ${c.column} (${c.from}${c.renamed ? `; renamed to ${c.renamed}?` : ''})`;
        case 'retyped':
          return `retyped ${c.column} ${c.from} → ${c.to}`;
        case 'reordered':
          return `moved ${c.column} from position ${Number(c.from) + 1} to ${Number(c.to) + 1}`;
      }
    })
    .join(', ');
}
