import { betweenSchema, checkBetween, describeBetween, outsideBetween, type BetweenKwargs } from '../src/engine/aggregate.js';
import { mapExpectation } from '../src/engine/map.js';

type K = BetweenKwargs & { column: string; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_be_between',
  description: 'Each value of a column lies between a minimum and a maximum.',
  schema: betweenSchema,
  sentence: (k) => `values of ${k.column} ${describeBetween(k)}`,
  check: (k) => checkBetween(k),
  unexpected: (ctx) => outsideBetween(ctx.col(ctx.kwargs.column), ctx.kwargs, (v) => ctx.dialect.literal(v)),
});
