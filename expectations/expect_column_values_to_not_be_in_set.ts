import { mapExpectation } from '../src/engine/map.js';
import { inValueSet, valueSetSchema } from './_value_set.js';

type K = { column: string; value_set: unknown[] | null; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_not_be_in_set',
  description: 'No value of a column is one of a given set of values.',
  schema: { properties: { value_set: valueSetSchema }, required: ['value_set'] },
  sentence: (k) => `values of ${k.column} never in ${JSON.stringify(k.value_set)}`,
  unexpected: (ctx) => (ctx.kwargs.value_set == null ? 'FALSE' : inValueSet(ctx, ctx.kwargs.column, ctx.kwargs.value_set)),
});
