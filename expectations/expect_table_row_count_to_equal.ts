import { aggregateResult } from '../src/engine/aggregate.js';
import { InvalidKwargsError, type ExpectationDefinition } from '../src/engine/types.js';

const def: ExpectationDefinition<{ value: number }> = {
  type: 'expect_table_row_count_to_equal',
  family: 'table',
  description: 'The table has exactly a given number of rows.',
  schema: {
    properties: { value: { type: 'integer', description: 'The expected number of rows.' } },
    required: ['value'],
  },
  sentence: (k) => `exactly ${k.value} rows`,
  columns: () => [],
  plan(ctx) {
    if (!Number.isInteger(ctx.kwargs.value)) throw new InvalidKwargsError(`value is not a valid integer: ${JSON.stringify(ctx.kwargs.value)}`);
    return { row_count: ctx.count() };
  },
  judge(ctx, m) {
    const observed = Number(m.row_count);
    return aggregateResult(ctx, observed === ctx.kwargs.value, { observed_value: observed });
  },
};
export default def;
