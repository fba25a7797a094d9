// Duplicates need a GROUP BY, which cannot share the fused scan. The fused scan counts the
// distinct values instead: when they equal the non-null values there is no duplicate and the
// GROUP BY never runs (the usual case, e.g. a primary key on 10M rows). Only when duplicates
// exist are they counted exactly, as GE does on SQL: a value is unexpected when it occurs more
// than once among the considered rows (row_condition applied, nulls never duplicates).
import { and } from '../src/engine/context.js';
import { mapExpectation } from '../src/engine/map.js';

export default mapExpectation<{ column: string; mostly?: number }>({
  type: 'expect_column_values_to_be_unique',
  description: 'No value of a column occurs more than once (nulls are ignored).',
  schema: {},
  sentence: (k) => `values of ${k.column} are unique`,
  ownQuery: true,
  extraMetrics: (ctx) => ({ distinct_count: ctx.agg({ fn: 'count_distinct', arg: ctx.col(ctx.kwargs.column) }) }),
  knownZero: (m) => Number(m.distinct_count) === Number(m.element_count) - Number(m.missing_count ?? 0),
  // The rows below, counted in one GROUP BY: the sizes of the duplicate groups.
  countQuery(ctx) {
    const c = ctx.col(ctx.kwargs.column);
    return `SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n ${ctx.from(`${c} IS NOT NULL`)} GROUP BY ${c} HAVING count(*) > 1) AS d`;
  },
  unexpected(ctx) {
    const c = ctx.col(ctx.kwargs.column);
    return `${c} IN (SELECT ${c} ${ctx.from(and(`${c} IS NOT NULL`))} GROUP BY ${c} HAVING count(*) > 1)`;
  },
});
