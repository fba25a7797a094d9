// A foreign key: every non-null value of a column is a key of another table. Pushed down as an
// anti-join (NOT EXISTS) that the engine runs where both tables live, counted in its own query;
// orphan values come back as GE's unexpected samples (with their row numbers and, when the suite
// names a key, the key columns), only when there are some. `mostly` applies to non-null values.
//
// When the other table lives in another engine (`other_connection`) and this one in DuckDB, the
// other table's distinct non-null keys (as canonical text, src/engine/cross-compare.ts) land in
// a temporary table of this DuckDB first, and the same anti-join reads them there.
import { isIntegerType, keyText } from '../src/engine/cross-compare.js';
import { landRows } from '../src/engine/land.js';
import { mapExpectation } from '../src/engine/map.js';
import type { Ctx, Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';
import {
  checkOtherRowCondition,
  elsewhere,
  otherConnectionSchema,
  otherRelation,
  otherRowConditionSchema,
  otherWhere,
} from './_other_table.js';

type K = {
  column: string;
  other_table: string;
  other_column?: string;
  other_connection?: string;
  other_row_condition?: string;
  mostly?: number;
};

/** The other table's keys landed from another engine (a temp table of `k`), and this column's value in their form. */
const landedKeys = new WeakMap<Ctx<K>, { table: Sql; value: Sql }>();

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
      other_connection: otherConnectionSchema("only the other table's distinct keys cross, into this table's DuckDB"),
      other_row_condition: otherRowConditionSchema,
    },
    required: ['other_table'],
  },
  sentence: (k) =>
    `values of ${k.column} are keys ${k.other_column ?? k.column} of ${k.other_table}${k.other_connection ? ` (${k.other_connection})` : ''}`,
  check: checkOtherRowCondition,
  ownQuery: true,
  async prepare(ctx) {
    const k = ctx.kwargs;
    // Without other_connection both tables are in this engine (a file on a server is refused by otherRelation).
    if (k.other_connection === undefined) return undefined;
    const scratch = await ctx.reach?.scratch();
    if (ctx.reach && scratch !== ctx.reach.self)
      throw new InvalidKwargsError(
        `a foreign key across engines is checked where this table lives, which must be DuckDB (a file or a DuckDB table); here it is ${ctx.dialect.name}: compare with expect_table_to_match_other_table, or name a table of the same database`,
      );
    const other = await elsewhere(ctx);
    const od = other.conn.dialect;
    const name = k.other_column ?? k.column;
    const column = (await other.conn.columns(other.relation)).find((c) => c.name === name);
    if (!column) throw new InvalidKwargsError(`other_table ${k.other_table} has no column ${name}`);
    // Integer keys on both sides match by their digits; any others by their canonical text.
    const integer = isIntegerType(column.type) && isIntegerType(ctx.typeOf(k.column));
    const sql =
      `SELECT DISTINCT ${keyText(od, od.ident(name), column.type, integer)} AS k FROM ${other.relation} AS o ` +
      `WHERE ${od.ident(name)} IS NOT NULL${other.where ? ` AND ${other.where}` : ''}`;
    const landed = await landRows(scratch!, other.conn, sql, ['k'], { label: 'keys', moved: { rows: 0, bytes: 0, columns: ['k'] } });
    landedKeys.set(ctx, { table: landed.table, value: keyText(ctx.dialect, ctx.col(k.column), ctx.typeOf(k.column), integer) });
    return landed.drop;
  },
  unexpected(ctx) {
    const k = ctx.kwargs;
    const landed = landedKeys.get(ctx);
    if (landed) return `NOT EXISTS (SELECT 1 FROM ${landed.table} AS assay_other WHERE assay_other.k = ${landed.value})`;
    const other = otherRelation(ctx, k.other_table, 'other_table');
    const key = ctx.dialect.ident(k.other_column ?? k.column);
    const where = otherWhere(ctx, k);
    // The other side's key is renamed so that the bare column name can only mean this table's.
    return `NOT EXISTS (SELECT 1 FROM (SELECT ${key} AS __assay_key FROM ${other} AS o${where ? ` WHERE ${where}` : ''}) AS assay_other WHERE assay_other.__assay_key = ${ctx.col(k.column)})`;
  },
});
