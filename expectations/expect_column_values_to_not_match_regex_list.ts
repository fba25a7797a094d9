// GE on SQL: AND of `column !~ regex` per pattern: a value matching any of them is unexpected.
// GE takes no match_on here.
import { mapExpectation } from '../src/engine/map.js';
import { checkList, matchesPatterns, patternList, quoteList } from './_text.js';

type K = { column: string; regex_list: string[]; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_not_match_regex_list',
  description: 'No value of a column matches any of a list of regular expressions.',
  schema: { properties: { regex_list: patternList('regular expressions values must not match') }, required: ['regex_list'] },
  sentence: (k) => `values of ${k.column} match none of ${quoteList(k.regex_list)}`,
  check: (k) => checkList(k.regex_list, 'At least one regex must be supplied in the regex_list.'),
  unexpected: (ctx) => matchesPatterns(ctx, 'regex', ctx.kwargs.regex_list, 'any'),
});
