// GE (pandas and Spark only; it skips this type on SQL): `json.loads(value)` must succeed.
// Anything else fails quietly, non-string values included (json.loads of a number is a
// TypeError, which GE counts as unparseable). In SQL through the dialect (fused scan), with
// Python's rules: NaN and Infinity are accepted, trailing commas are not.
import { mapExpectation } from '../src/engine/map.js';
import { isText, textOf } from './_text.js';

type K = { column: string; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_be_json_parseable',
  description: 'Each value of a column is text that parses as JSON.',
  schema: {},
  sentence: (k) => `values of ${k.column} are JSON documents`,
  unexpected: (ctx) => (isText(ctx, ctx.kwargs.column) ? `NOT ${ctx.dialect.jsonParseable(textOf(ctx, ctx.kwargs.column))}` : 'TRUE'),
});
