import { columnBetween } from '../src/engine/aggregate.js';

export default columnBetween({
  type: 'expect_column_sum_to_be_between',
  description: 'The sum of a column lies between a minimum and a maximum.',
  noun: 'sum',
  numeric: true,
  metric: (ctx, c) => ctx.agg({ fn: 'sum', arg: c }),
});
