import { mapExpectation } from '../src/engine/map.js';
import type { ExpectationDefinition } from '../src/engine/types.js';

type K = { column_A: string; column_B: string; or_equal?: boolean | null; mostly?: number };

const define = (type: string, description: string): ExpectationDefinition<K> =>
  mapExpectation<K>({
    type,
    family: 'column_pair_map',
    description,
    schema: { properties: { or_equal: { type: ['boolean', 'null'], description: 'Accept A equal to B.' } } },
    sentence: (k) => `${k.column_A} ${k.or_equal ? 'at least' : 'greater than'} ${k.column_B}`,
    // As GE on SQL: a comparison with a missing value is not a pass (CASE ... ELSE FALSE).
    unexpected(ctx) {
      const a = ctx.col(ctx.kwargs.column_A);
      const b = ctx.col(ctx.kwargs.column_B);
      return `(${a} ${ctx.kwargs.or_equal ? '>=' : '>'} ${b}) IS NOT TRUE`;
    },
  });

export default [
  define(
    'expect_column_pair_values_a_to_be_greater_than_b',
    'Each value of column A is greater than (or equal to) the value of column B in the same row.',
  ),
  // GE 0.x spelled the type with capital A and B; its suites are read as they are.
  define(
    'expect_column_pair_values_A_to_be_greater_than_B',
    'Great Expectations 0.x name of expect_column_pair_values_a_to_be_greater_than_b.',
  ),
];
