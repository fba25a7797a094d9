import { columnBetween } from '../src/engine/aggregate.js';

// GE's SQL median averages the two middle values of an even count (dialect.median).
export default columnBetween({
  type: 'expect_column_median_to_be_between',
  description: 'The median of a column lies between a minimum and a maximum.',
  noun: 'median',
  numeric: true,
  metric: (ctx, c) => ctx.agg({ fn: 'median', arg: c }),
});
