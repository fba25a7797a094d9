// GE on SQL: `column !~ regex`; a value is unexpected when the regex matches anywhere in it.
import { mapExpectation } from '../src/engine/map.js';
import { textOf } from './_text.js';

type K = { column: string; regex: string; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_not_match_regex',
  description: 'No value of a column contains a match for a regular expression.',
  schema: {
    properties: { regex: { type: 'string', description: 'The regular expression values must not contain a match for.' } },
    required: ['regex'],
  },
  sentence: (k) => `values of ${k.column} do not match /${k.regex}/`,
  unexpected: (ctx) => ctx.dialect.regexMatch(textOf(ctx, ctx.kwargs.column), ctx.kwargs.regex),
});
