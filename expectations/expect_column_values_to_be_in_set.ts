import { mapExpectation } from '../src/engine/map.js';
import { inValueSet, valueSetSchema } from './_value_set.js';

type K = { column: string; value_set: unknown[] | null; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_be_in_set',
  description: 'Each value of a column is one of a given set of values.',
  schema: { properties: { value_set: valueSetSchema }, required: ['value_set'] },
  sentence: (k) => `values of ${k.column} in ${JSON.stringify(k.value_set)}`,
  // GE: no value set at all is vacuously true; an empty one makes every value unexpected.
  unexpected: (ctx) => (ctx.kwargs.value_set == null ? 'FALSE' : `NOT (${inValueSet(ctx, ctx.kwargs.column, ctx.kwargs.value_set)})`),
});
