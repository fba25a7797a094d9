// The length of a text value, for expect_column_value_lengths_*. GE's documentation says these
// work on strings only ("Invoking it on ints or floats will raise a TypeError"), and its
// reference SQL engine, PostgreSQL, refuses length(integer); so a non-text column raises rather
// than being cast.
import type { Ctx, Sql } from '../src/engine/types.js';
import { isText, textOf } from './_text.js';

export function lengthOf(ctx: Ctx<{ column: string }>): Sql {
  const column = ctx.kwargs.column;
  if (!isText(ctx, column)) {
    throw new TypeError(
      `lengths of column ${JSON.stringify(column)} (${ctx.typeOf(column)}): No function matches the given name and argument types. Value lengths are defined for text only; cast the column to text first.`,
    );
  }
  return ctx.dialect.length(textOf(ctx, column));
}
