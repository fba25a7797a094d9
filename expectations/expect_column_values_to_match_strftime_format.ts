// GE (pandas and Spark only; it skips this type on SQL): each value must parse with Python's
// `datetime.strptime(value, strftime_format)`. The format is checked first as GE does, by
// formatting the current time and parsing it back ("Unable to use provided strftime_format.");
// non-text values raise a TypeError. See _strptime.ts for how strptime becomes SQL.
import { compileStrptime, strptimeMatches } from './_strptime.js';
import { stringsTypeError, textMapExpectation, textOf } from './_text.js';
import { InvalidKwargsError } from '../src/errors.js';

type K = { column: string; strftime_format: string; mostly?: number };
const TYPE = 'expect_column_values_to_match_strftime_format';

function compiled(format: string) {
  try {
    return compileStrptime(format);
  } catch (err) {
    throw new InvalidKwargsError(`Unable to use provided strftime_format. ${(err as Error).message}`);
  }
}

export default textMapExpectation<K>(
  {
    type: TYPE,
    description: 'Each value of a column is text in a given strftime format (Python strptime rules).',
    schema: {
      properties: { strftime_format: { type: 'string', description: 'A Python strftime/strptime format, e.g. "%Y-%m-%d".' } },
      required: ['strftime_format'],
    },
    sentence: (k) => `values of ${k.column} are dates in the format ${JSON.stringify(k.strftime_format)}`,
    check: (k) => void compiled(k.strftime_format),
    unexpected: (ctx) => `NOT ${strptimeMatches(ctx, textOf(ctx, ctx.kwargs.column), compiled(ctx.kwargs.strftime_format))}`,
  },
  stringsTypeError(TYPE),
);
