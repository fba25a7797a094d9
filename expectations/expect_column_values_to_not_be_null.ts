import { mapExpectation } from '../src/engine/map.js';

export default mapExpectation<{ column: string; mostly?: number }>({
  type: 'expect_column_values_to_not_be_null',
  description: 'A column has no null values.',
  schema: {},
  sentence: (k) => `values of ${k.column} are never null`,
  filterNull: false,
  unexpected: (ctx) => `${ctx.col(ctx.kwargs.column)} IS NULL`,
});
