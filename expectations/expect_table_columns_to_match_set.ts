import { aggregateResult } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';

type K = { column_set?: string[] | null; exact_match?: boolean | null };

/** Python's sorted() over str: by code point. */
const sorted = (names: Iterable<string>) => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

const def: ExpectationDefinition<K> = {
  type: 'expect_table_columns_to_match_set',
  family: 'table',
  description: 'The table has these columns in any order (exactly these, or at least these).',
  schema: {
    properties: {
      column_set: {
        type: ['array', 'null'],
        items: { type: 'string' },
        description: 'The column names, in any order.',
      },
      exact_match: {
        type: ['boolean', 'null'],
        description: 'True (default): no other columns allowed. False: other columns may exist.',
      },
    },
  },
  sentence: (k) =>
    k.column_set == null
      ? 'columns of any names'
      : `${k.exact_match === false ? 'at least' : 'exactly'} the columns ${k.column_set.join(', ')} (any order)`,
  columns: () => [],
  // The column list is known before any scan: nothing to plan.
  plan: () => ({}),
  judge(ctx) {
    const actual = ctx.columns.map((c) => c.name);
    const exact = ctx.kwargs.exact_match ?? true;
    // GE 1.2: no set and no exact match is vacuously true; with exact_match a null set is empty.
    // GE reports the columns in table order when the sets match, sorted when they differ.
    if (ctx.kwargs.column_set == null && exact !== true) return aggregateResult(ctx, true, { observed_value: actual });
    const expected = new Set(ctx.kwargs.column_set ?? []);
    const actualSet = new Set(actual);
    const unexpected = sorted(actual.filter((c) => !expected.has(c)));
    const missing = sorted([...expected].filter((c) => !actualSet.has(c)));
    const mismatched: Record<string, string[]> = {};
    if (unexpected.length) mismatched.unexpected = unexpected;
    if (missing.length) mismatched.missing = missing;
    const same = unexpected.length === 0 && missing.length === 0;
    const success = exact ? same : missing.length === 0;
    return aggregateResult(ctx, success, { observed_value: same ? actual : sorted(actual), details: { mismatched } });
  },
};
export default def;
