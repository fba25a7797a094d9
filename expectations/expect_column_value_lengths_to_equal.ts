// GE: `length(column) = value`; a non-integral value simply matches no length.
import { mapExpectation } from '../src/engine/map.js';
import { lengthOf } from './_length.js';

type K = { column: string; value: number; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_value_lengths_to_equal',
  description: 'Each value of a column has a given length.',
  schema: { properties: { value: { type: 'number', description: 'The length every value must have.' } }, required: ['value'] },
  sentence: (k) => `lengths of ${k.column} equal ${k.value}`,
  unexpected: (ctx) => `NOT (${lengthOf(ctx)} = ${ctx.dialect.literal(ctx.kwargs.value)})`,
});
