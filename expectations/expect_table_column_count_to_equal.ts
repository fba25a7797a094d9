import { aggregateResult } from '../src/engine/aggregate.js';
import { InvalidKwargsError, type ExpectationDefinition } from '../src/engine/types.js';

const def: ExpectationDefinition<{ value: number }> = {
  type: 'expect_table_column_count_to_equal',
  family: 'table',
  description: 'The table has exactly a given number of columns.',
  schema: {
    properties: { value: { type: 'integer', description: 'The expected number of columns.' } },
    required: ['value'],
  },
  sentence: (k) => `exactly ${k.value} columns`,
  columns: () => [],
  // The column list is known before any scan: nothing to plan.
  plan(ctx) {
    if (!Number.isInteger(ctx.kwargs.value)) throw new InvalidKwargsError(`value is not a valid integer: ${JSON.stringify(ctx.kwargs.value)}`);
    return {};
  },
  judge(ctx) {
    const observed = ctx.columns.length;
    return aggregateResult(ctx, observed === ctx.kwargs.value, { observed_value: observed });
  },
};
export default def;
