import { mapExpectation } from '../src/engine/map.js';

export default mapExpectation<{ column: string; mostly?: number }>({
  type: 'expect_column_values_to_be_null',
  description: 'Every value of a column is null.',
  schema: {},
  sentence: (k) => `values of ${k.column} are always null`,
  filterNull: false,
  unexpected: (ctx) => `${ctx.col(ctx.kwargs.column)} IS NOT NULL`,
});
