import { columnBetween } from '../src/engine/aggregate.js';

// GE: distinct values / non-null values, and 0 (not null) when there is no non-null value.
export default columnBetween({
  type: 'expect_column_proportion_of_unique_values_to_be_between',
  description: 'The share of distinct values among the non-null values of a column lies between a minimum and a maximum.',
  noun: 'proportion of distinct values',
  metric: (ctx, c) => ctx.agg({ fn: 'count_distinct', arg: c }),
  extra: (ctx, c) => ({ nonnull: ctx.agg({ fn: 'count', arg: c }) }),
  observe: (m) => (Number(m.nonnull) > 0 ? Number(m.value) / Number(m.nonnull) : 0),
});
