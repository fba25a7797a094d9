import { aggregateResult, describeBetween, type BetweenKwargs } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';
import { checkCountBetween, countBetweenSchema, countIsBetween } from './expect_table_column_count_to_be_between.js';

const def: ExpectationDefinition<BetweenKwargs> = {
  type: 'expect_table_row_count_to_be_between',
  family: 'table',
  description: 'The number of rows lies between a minimum and a maximum.',
  schema: countBetweenSchema,
  sentence: (k) => `row count ${describeBetween(k)}`,
  columns: () => [],
  plan(ctx) {
    checkCountBetween(ctx.kwargs);
    return { row_count: ctx.count() };
  },
  judge(ctx, m) {
    const observed = Number(m.row_count);
    return aggregateResult(ctx, countIsBetween(observed, ctx.kwargs), { observed_value: observed });
  },
};
export default def;
