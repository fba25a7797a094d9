import { mapExpectation } from '../src/engine/map.js';
import type { Ctx } from '../src/engine/types.js';

type K = { column_list: string[]; mostly?: number };

const cols = (ctx: Ctx<K>) => ctx.kwargs.column_list.map((c) => ctx.col(c)).join(', ');
/** Rows with every listed column present: the only rows that can be duplicates. */
const complete = (ctx: Ctx<K>) => ctx.kwargs.column_list.map((c) => `${ctx.col(c)} IS NOT NULL`).join(' AND ');

export default mapExpectation<K>({
  type: 'expect_compound_columns_to_be_unique',
  family: 'multicolumn_map',
  description: 'The combination of values of several columns is unique across rows (a compound key).',
  schema: {},
  sentence: (k) => `(${k.column_list.join(', ')}) unique together`,
  // A row is unexpected when another row has the same values in all the columns. As GE on
  // SQL (an inner join on equality), a row with a missing value in any of them is never a
  // duplicate, as in a SQL UNIQUE constraint. Duplicates are grouped within the row_condition.
  ownQuery: true,
  unexpected(ctx) {
    const c = cols(ctx);
    return `(${c}) IN (SELECT ${c} ${ctx.from(complete(ctx))} GROUP BY ${c} HAVING count(*) > 1)`;
  },
  // Fused into the one scan: no duplicates when the distinct combinations are as many as the rows.
  // Where counting distinct tuples is costly (PostgreSQL), the duplicates query runs instead.
  extraMetrics: (ctx): Record<string, string> =>
    ctx.dialect.capabilities.tupleDistinct
      ? {
          distinct_count: ctx.agg({ fn: 'count_distinct', arg: ctx.kwargs.column_list.map((c) => ctx.col(c)) }, complete(ctx)),
          complete_count: ctx.count(complete(ctx)),
        }
      : {},
  knownZero: (m) => m.distinct_count !== undefined && Number(m.distinct_count) === Number(m.complete_count),
  // The rows above, counted in one GROUP BY: the sizes of the duplicate groups.
  countQuery: (ctx) =>
    `SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n ${ctx.from(complete(ctx))} GROUP BY ${cols(ctx)} HAVING count(*) > 1) AS d`,
});
