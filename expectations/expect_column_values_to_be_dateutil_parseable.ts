// GE (pandas only; it skips this type on SQL): each value must be a string that
// `dateutil.parser.parse` reads; a non-string value raises a TypeError. Judged in JS over the
// column's distinct values with an approximation of dateutil's parser (see _dateutil.ts).
import { dateutilParses } from './_dateutil.js';
import { stringsTypeError, textMapExpectation } from './_text.js';

type K = { column: string; mostly?: number };
const TYPE = 'expect_column_values_to_be_dateutil_parseable';

export default textMapExpectation<K>(
  {
    type: TYPE,
    description: 'Each value of a column is text that python-dateutil can parse as a date or time.',
    schema: {},
    sentence: (k) => `values of ${k.column} are dates or times dateutil can read`,
    jsUnexpected: (value) => !dateutilParses(String(value)),
  },
  stringsTypeError(TYPE),
);
