// GE on SQL: OR (match_on "any", the default) or AND ("all") of `column LIKE pattern`.
import { mapExpectation } from '../src/engine/map.js';
import { checkList, matchesPatterns, matchOnSchema, patternList, quoteList } from './_text.js';

type K = { column: string; like_pattern_list: string[]; match_on?: 'any' | 'all'; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_match_like_pattern_list',
  description: 'Each value of a column matches any (or all) of a list of SQL LIKE patterns.',
  schema: {
    properties: { like_pattern_list: patternList('LIKE patterns values should match'), match_on: matchOnSchema },
    required: ['like_pattern_list'],
  },
  sentence: (k) => `values of ${k.column} are LIKE ${k.match_on === 'all' ? 'all' : 'any'} of ${quoteList(k.like_pattern_list)}`,
  check: (k) => checkList(k.like_pattern_list, 'At least one like_pattern must be supplied in the like_pattern_list.'),
  unexpected: (ctx) => `NOT (${matchesPatterns(ctx, 'like', ctx.kwargs.like_pattern_list, ctx.kwargs.match_on)})`,
});
