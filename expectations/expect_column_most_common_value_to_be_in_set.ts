import { aggregateResult, OBSERVED_VALUES_MAX, valueCounts, valueKey } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';

interface K {
  column: string;
  value_set?: unknown[] | null;
  ties_okay?: boolean | null;
}

// observed_value is every most common value, sorted (ties included). Without ties_okay the
// mode must be unique and in the set; with it, any of the tied modes may be in the set.
const def: ExpectationDefinition<K> = {
  type: 'expect_column_most_common_value_to_be_in_set',
  family: 'column_aggregate',
  description: 'The most common value of a column is in a given set.',
  schema: {
    properties: {
      value_set: {
        anyOf: [{ type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } }, { type: 'null' }],
        description: 'The allowed values.',
      },
      ties_okay: { type: ['boolean', 'null'], description: 'Succeed when one of several equally common values is in the set.' },
    },
    required: ['value_set'],
  },
  sentence: (k) => `most common value of ${k.column} in ${JSON.stringify(k.value_set ?? [])}${k.ties_okay ? ' (ties allowed)' : ''}`,
  columns: (k) => [k.column],
  plan: () => ({}),
  async judge(ctx, _m, run) {
    const counts = await valueCounts(ctx, ctx.kwargs.column, run);
    // A loop, not Math.max(...counts): a spread of a million arguments overflows the stack.
    const top = counts.reduce((max, c) => (c.count > max ? c.count : max), -Infinity);
    const modes = counts.filter((c) => c.count === top).map((c) => c.value);
    const temporal = ctx.dialect.isTemporalType(ctx.typeOf(ctx.kwargs.column));
    const expected = new Set((ctx.kwargs.value_set ?? []).map((v) => valueKey(v, temporal)));
    const hits = new Set(modes.map((v) => valueKey(v, temporal)).filter((key) => expected.has(key))).size;
    const success = ctx.kwargs.ties_okay ? hits > 0 : modes.length === 1 && hits === 1;
    const shown = modes.length > OBSERVED_VALUES_MAX ? modes.slice(0, OBSERVED_VALUES_MAX) : modes;
    return aggregateResult(ctx, success, {
      observed_value: shown,
      ...(shown.length < modes.length ? { observed_value_count: modes.length } : {}),
    });
  },
};
export default def;
