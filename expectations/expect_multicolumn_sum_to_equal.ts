import { mapExpectation } from '../src/engine/map.js';

type K = { column_list: string[]; sum_total: number; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_multicolumn_sum_to_equal',
  family: 'multicolumn_map',
  description: 'In each row, the values of several columns add up to a given total.',
  schema: {
    properties: { sum_total: { type: 'number', description: 'The total each row must add up to.' } },
    required: ['sum_total'],
  },
  sentence: (k) => `${k.column_list.join(' + ')} = ${k.sum_total}`,
  // As GE on SQL: a sum with a missing value is null, neither expected nor unexpected.
  unexpected(ctx) {
    const sum = ctx.kwargs.column_list.map((c) => ctx.col(c)).join(' + ');
    return `NOT (${sum} = ${ctx.dialect.literal(ctx.kwargs.sum_total)})`;
  },
});
