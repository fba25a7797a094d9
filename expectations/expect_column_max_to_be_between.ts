import { columnBetween } from '../src/engine/aggregate.js';

export default columnBetween({
  type: 'expect_column_max_to_be_between',
  description: 'The largest value of a column lies between a minimum and a maximum.',
  noun: 'maximum',
  keepsType: true,
  metric: (ctx, c) => ctx.agg({ fn: 'max', arg: c }),
});
