// GE on SQL: OR (match_on "any", the default) or AND ("all") of one regex search per pattern.
import { mapExpectation } from '../src/engine/map.js';
import { checkList, matchesPatterns, matchOnSchema, patternList, quoteList } from './_text.js';

type K = { column: string; regex_list: string[]; match_on?: 'any' | 'all'; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_match_regex_list',
  description: 'Each value of a column matches any (or all) of a list of regular expressions.',
  schema: {
    properties: { regex_list: patternList('regular expressions values should match'), match_on: matchOnSchema },
    required: ['regex_list'],
  },
  sentence: (k) => `values of ${k.column} match ${k.match_on === 'all' ? 'all' : 'any'} of ${quoteList(k.regex_list)}`,
  check: (k) => checkList(k.regex_list, 'regex_list must not be empty'),
  unexpected: (ctx) => `NOT (${matchesPatterns(ctx, 'regex', ctx.kwargs.regex_list, ctx.kwargs.match_on)})`,
});
