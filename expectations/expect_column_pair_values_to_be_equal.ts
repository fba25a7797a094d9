import { mapExpectation } from '../src/engine/map.js';

export default mapExpectation<{ column_A: string; column_B: string; mostly?: number }>({
  type: 'expect_column_pair_values_to_be_equal',
  family: 'column_pair_map',
  description: 'Two columns hold the same value in each row.',
  schema: {},
  sentence: (k) => `${k.column_A} equals ${k.column_B}`,
  // As GE on SQL: a value beside a missing one is not equal (CASE ... ELSE FALSE).
  unexpected(ctx) {
    return `(${ctx.col(ctx.kwargs.column_A)} = ${ctx.col(ctx.kwargs.column_B)}) IS NOT TRUE`;
  },
});
