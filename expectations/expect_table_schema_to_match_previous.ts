// Schema drift against the asset's last successful run in the metric store: columns added,
// removed, retyped or reordered since then fail the check, unless `allow` lists that kind of
// change. With no earlier successful run (or no store) it passes with a note.
import { aggregateResult } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';
import { CHANGE_KINDS, describeChanges, schemaChanges, type ChangeKind } from '../src/history/schema-drift.js';

type K = { allow?: ChangeKind[] };

const def: ExpectationDefinition<K> = {
  type: 'expect_table_schema_to_match_previous',
  family: 'table',
  description: 'The columns (names, types, order) are those of the last successful run of the asset, but for the changes allowed.',
  schema: {
    properties: {
      allow: {
        type: 'array',
        items: { enum: [...CHANGE_KINDS] },
        uniqueItems: true,
        description: 'Kinds of change that do not fail the check: added, removed, retyped, reordered.',
      },
    },
  },
  sentence: (k) => `columns as in the last successful run${k.allow?.length ? ` (allowing ${k.allow.join(', ')})` : ''}`,
  columns: () => [],
  // The columns are known before any scan: nothing to plan.
  plan: () => ({}),
  async judge(ctx) {
    const observed = ctx.columns.map((c) => ({ name: c.name, type: c.type }));
    const previous = await ctx.history?.lastSchema();
    if (!previous) {
      const note = ctx.history
        ? 'no earlier successful run of this asset: nothing to compare with yet'
        : 'no metric store: history is kept by `assay validate --runs <dir>` and by pipeline runs';
      return aggregateResult(ctx, true, { observed_value: observed, details: { changes: [], note } });
    }
    const changes = schemaChanges(previous.columns, observed);
    const allowed = new Set(ctx.kwargs.allow ?? []);
    const blocking = changes.filter((c) => !allowed.has(c.change));
    return aggregateResult(ctx, blocking.length === 0, {
      observed_value: observed,
      details: {
        previous: { run_id: previous.run_id, time: previous.time, columns: previous.columns },
        changes,
        ...(changes.length ? { summary: describeChanges(changes) } : {}),
      },
    });
  },
};
export default def;
