import { aggregateResult } from '../src/engine/aggregate.js';
import type { ExpectationDefinition } from '../src/engine/types.js';
import { qualifiedName } from './_other_table.js';

type K = { other_table_name: string };

const def: ExpectationDefinition<K> = {
  type: 'expect_table_row_count_to_equal_other_table',
  family: 'table',
  description: 'The table has as many rows as another table.',
  schema: {
    properties: {
      other_table_name: { type: 'string', minLength: 1, description: 'A table or view the connection can read: name or schema.name.' },
    },
    required: ['other_table_name'],
  },
  sentence: (k) => `as many rows as ${k.other_table_name}`,
  columns: () => [],
  plan(ctx) {
    qualifiedName(ctx, ctx.kwargs.other_table_name, 'other_table_name');
    return { row_count: ctx.count() };
  },
  // Another table cannot share this table's scan: one count query of its own. As GE does,
  // the row_condition applies to both tables.
  async judge(ctx, m, run) {
    const other = qualifiedName(ctx, ctx.kwargs.other_table_name, 'other_table_name');
    const [row] = await run(`SELECT count(*) AS n FROM ${other}${ctx.where ? ` WHERE ${ctx.where}` : ''}`);
    const self = Number(m.row_count);
    const otherCount = Number(row!.n);
    return aggregateResult(ctx, self === otherCount, { observed_value: { self, other: otherCount } });
  },
};
export default def;
