// GE on SQL: `column ~ regex` (PostgreSQL), a search, not a full match: "^a" and "b" both work
// as a Python `re.search` would. The regex is the engine's own dialect (RE2 on DuckDB), as GE's
// SQL engines use theirs; one DuckDB cannot compile fails this expectation alone.
import { mapExpectation } from '../src/engine/map.js';
import { textOf } from './_text.js';

type K = { column: string; regex?: string; mostly?: number };

/** GE's default: any value, newlines included. */
const ANY = '(?s).*';

export default mapExpectation<K>({
  type: 'expect_column_values_to_match_regex',
  description: 'Each value of a column contains a match for a regular expression.',
  schema: {
    properties: { regex: { type: 'string', default: ANY, description: 'The regular expression values must contain a match for.' } },
  },
  sentence: (k) => `values of ${k.column} match /${k.regex ?? ANY}/`,
  unexpected: (ctx) => `NOT (${ctx.dialect.regexMatch(textOf(ctx, ctx.kwargs.column), ctx.kwargs.regex ?? ANY)})`,
});
