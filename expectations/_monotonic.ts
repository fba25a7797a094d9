// expect_column_values_to_be_increasing / _decreasing: each non-null value compared with the
// previous non-null value in file order (GE: a diff over the null-filtered column; the first
// value has no predecessor and always passes). With a row_condition, "previous" means the
// previous row that matches it. The window lives in mapExpectation's own query.
import { mapExpectation } from '../src/engine/map.js';
import { ROW_NUMBER } from '../src/engine/context.js';
import type { Ctx, ExpectationDefinition, Sql } from '../src/engine/types.js';

export type MonotonicKwargs = { column: string; strictly?: boolean | null; parse_strings_as_datetimes?: boolean | null; mostly?: number };

const PREV = '__assay_prev';

/**
 * The compared value. parse_strings_as_datetimes is not a GE 1.x kwarg; it is accepted so GE 0.x
 * suites load, and compares text as timestamps (ISO text only: DuckDB's reading, not dateutil's;
 * other text raises). On a typed column it changes nothing, as in GE 1.x.
 */
function value(ctx: Ctx<MonotonicKwargs>): Sql {
  const c = ctx.col(ctx.kwargs.column);
  const type = ctx.typeOf(ctx.kwargs.column);
  return ctx.kwargs.parse_strings_as_datetimes && ctx.dialect.isStringType(type) ? `CAST(${c} AS TIMESTAMP)` : c;
}

export function monotonic(direction: 'increasing' | 'decreasing'): ExpectationDefinition<MonotonicKwargs> {
  return mapExpectation<MonotonicKwargs>({
    type: `expect_column_values_to_be_${direction}`,
    description: `Each value of a column is ${direction === 'increasing' ? 'greater' : 'less'} than or equal to the previous one (or strictly so).`,
    schema: {
      properties: {
        strictly: { type: ['boolean', 'null'], description: 'Equal consecutive values are unexpected too.' },
        parse_strings_as_datetimes: { type: ['boolean', 'null'], description: 'GE 0.x: compare text values as ISO timestamps.' },
      },
    },
    sentence: (k) => `values of ${k.column} are ${k.strictly ? 'strictly ' : ''}${direction}`,
    window: (ctx) => ({ [PREV]: `lag(${value(ctx)}) OVER (ORDER BY ${ctx.dialect.ident(ROW_NUMBER)})` }),
    unexpected(ctx) {
      const prev = ctx.dialect.ident(PREV);
      const bad = direction === 'increasing' ? (ctx.kwargs.strictly ? '<=' : '<') : ctx.kwargs.strictly ? '>=' : '>';
      return `${prev} IS NOT NULL AND ${value(ctx)} ${bad} ${prev}`;
    },
  });
}
