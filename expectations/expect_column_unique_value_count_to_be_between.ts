import { columnBetween } from '../src/engine/aggregate.js';

export default columnBetween({
  type: 'expect_column_unique_value_count_to_be_between',
  description: 'The number of distinct non-null values of a column lies between a minimum and a maximum.',
  noun: 'number of distinct values',
  metric: (ctx, c) => ctx.agg({ fn: 'count_distinct', arg: c }),
  observe: (m) => Number(m.value),
});
