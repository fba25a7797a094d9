import { aggregateResult } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';

type K = { column_list?: string[] | null };

const def: ExpectationDefinition<K> = {
  type: 'expect_table_columns_to_match_ordered_list',
  family: 'table',
  description: 'The table has exactly these columns, in this order.',
  schema: {
    properties: {
      column_list: {
        type: ['array', 'null'],
        items: { type: 'string' },
        description: 'The column names in order; null accepts any columns.',
      },
    },
  },
  sentence: (k) => (k.column_list ? `columns are, in order: ${k.column_list.join(', ')}` : 'columns in any order'),
  columns: () => [],
  // The column list is known before any scan: nothing to plan.
  plan: () => ({}),
  judge(ctx) {
    const actual = ctx.columns.map((c) => c.name);
    const expected = ctx.kwargs.column_list;
    if (expected == null || (expected.length === actual.length && expected.every((c, i) => c === actual[i]))) {
      return aggregateResult(ctx, true, { observed_value: actual });
    }
    // GE pairs the lists position by position, padding the shorter one with null.
    const mismatched = [];
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      const want = expected[i] ?? null;
      const found = actual[i] ?? null;
      if (want !== found) mismatched.push({ 'Expected Column Position': i, Expected: want, Found: found });
    }
    return aggregateResult(ctx, false, { observed_value: actual, details: { mismatched } });
  },
};
export default def;
