// A foreign key: every non-null value of a column is a key of another table. Pushed down as an
// anti-join (NOT EXISTS) that the engine runs where both tables live, counted in its own query;
// orphan values come back as GE's unexpected samples (with their row numbers and, when the suite
// names a key, the key columns), only when there are some. `mostly` applies to non-null values.
import { mapExpectation } from '../src/engine/map.js';
import { otherRelation } from './_other_table.js';

type K = { column: string; other_table: string; other_column?: string; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_be_in_other_table',
  description: 'Each value of a column is a key of another table (a foreign key); orphans are unexpected.',
  schema: {
    properties: {
      other_table: {
        type: 'string',
        minLength: 1,
        description: 'The referenced table: a table of the same connection (schema.table), or on DuckDB a file or glob.',
      },
      other_column: { type: 'string', minLength: 1, description: 'The key column of the other table (default: the same name as column).' },
    },
    required: ['other_table'],
  },
  sentence: (k) => `values of ${k.column} are keys ${k.other_column ?? k.column} of ${k.other_table}`,
  ownQuery: true,
  unexpected(ctx) {
    const k = ctx.kwargs;
    const other = otherRelation(ctx, k.other_table, 'other_table');
    const key = ctx.dialect.ident(k.other_column ?? k.column);
    // The other side's key is renamed so that the bare column name can only mean this table's.
    return `NOT EXISTS (SELECT 1 FROM (SELECT ${key} AS __assay_key FROM ${other} AS o) AS assay_other WHERE assay_other.__assay_key = ${ctx.col(k.column)})`;
  },
});
