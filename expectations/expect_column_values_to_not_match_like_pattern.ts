// GE on SQL: `NOT (column LIKE pattern)`.
import { mapExpectation } from '../src/engine/map.js';
import { textOf } from './_text.js';

type K = { column: string; like_pattern: string; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_not_match_like_pattern',
  description: 'No value of a column matches a SQL LIKE pattern.',
  schema: {
    properties: { like_pattern: { type: 'string', description: 'The LIKE pattern values must not match.' } },
    required: ['like_pattern'],
  },
  sentence: (k) => `values of ${k.column} are not LIKE ${JSON.stringify(k.like_pattern)}`,
  unexpected: (ctx) => ctx.dialect.like(textOf(ctx, ctx.kwargs.column), ctx.kwargs.like_pattern),
});
