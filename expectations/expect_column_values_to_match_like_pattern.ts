// GE on SQL: `column LIKE pattern`, with the engine's LIKE (DuckDB and PostgreSQL: case-sensitive;
// DuckDB has no default escape character, PostgreSQL's is the backslash).
import { mapExpectation } from '../src/engine/map.js';
import { textOf } from './_text.js';

type K = { column: string; like_pattern: string; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_match_like_pattern',
  description: 'Each value of a column matches a SQL LIKE pattern.',
  schema: {
    properties: { like_pattern: { type: 'string', description: 'The LIKE pattern values must match.' } },
    required: ['like_pattern'],
  },
  sentence: (k) => `values of ${k.column} are LIKE ${JSON.stringify(k.like_pattern)}`,
  unexpected: (ctx) => `NOT (${ctx.dialect.like(textOf(ctx, ctx.kwargs.column), ctx.kwargs.like_pattern)})`,
});
