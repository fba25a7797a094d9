// GE on SQL: AND of `NOT (column LIKE pattern)`: a value matching any pattern is unexpected.
// GE takes no match_on here.
import { mapExpectation } from '../src/engine/map.js';
import { checkList, matchesPatterns, patternList, quoteList } from './_text.js';

type K = { column: string; like_pattern_list: string[]; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_not_match_like_pattern_list',
  description: 'No value of a column matches any of a list of SQL LIKE patterns.',
  schema: { properties: { like_pattern_list: patternList('LIKE patterns values must not match') }, required: ['like_pattern_list'] },
  sentence: (k) => `values of ${k.column} are LIKE none of ${quoteList(k.like_pattern_list)}`,
  check: (k) => checkList(k.like_pattern_list, 'At least one like_pattern must be supplied in the like_pattern_list.'),
  unexpected: (ctx) => matchesPatterns(ctx, 'like', ctx.kwargs.like_pattern_list, 'any'),
});
