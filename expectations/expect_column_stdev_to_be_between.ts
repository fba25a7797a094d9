import { columnBetween } from '../src/engine/aggregate.js';

// Sample standard deviation (n - 1), as GE computes it on SQL.
export default columnBetween({
  type: 'expect_column_stdev_to_be_between',
  description: 'The sample standard deviation of a column lies between a minimum and a maximum.',
  noun: 'standard deviation',
  numeric: true,
  metric: (ctx, c) => ctx.agg({ fn: 'stddev_samp', arg: c }),
});
