import { betweenSchema, checkBetween, describeBetween, isBetween, type BetweenKwargs } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';

const def: ExpectationDefinition<BetweenKwargs> = {
  type: 'expect_table_row_count_to_be_between',
  family: 'table',
  description: 'The number of rows lies between a minimum and a maximum.',
  schema: betweenSchema,
  sentence: (k) => `row count ${describeBetween(k)}`,
  columns: () => [],
  plan(ctx) {
    checkBetween(ctx.kwargs, { requireOne: false });
    return { row_count: ctx.count() };
  },
  judge(ctx, m) {
    const observed = Number(m.row_count);
    return { success: isBetween(observed, ctx.kwargs) || (ctx.kwargs.min_value == null && ctx.kwargs.max_value == null), result: { observed_value: observed } };
  },
};
export default def;
