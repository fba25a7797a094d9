import { columnBetween } from '../src/engine/aggregate.js';

export default columnBetween({
  type: 'expect_column_min_to_be_between',
  description: 'The smallest value of a column lies between a minimum and a maximum.',
  noun: 'minimum',
  keepsType: true,
  metric: (ctx, c) => ctx.agg({ fn: 'min', arg: c }),
});
