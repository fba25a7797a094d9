import { columnBetween } from '../src/engine/aggregate.js';

export default columnBetween({
  type: 'expect_column_mean_to_be_between',
  description: 'The mean of a column lies between a minimum and a maximum.',
  noun: 'mean',
  numeric: true,
  metric: (ctx, c) => ctx.agg({ fn: 'avg', arg: c }),
});
