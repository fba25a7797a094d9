import { aggregateResult } from '../src/engine/aggregate.js';
import { type Ctx, type ExpectationDefinition, type Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';

type K = { other_table_name: string };

/**
 * `orders`, `sales.orders`, `db.sales.orders` or `"Odd.Name"`: up to three dot-separated parts,
 * each bare or double-quoted, each quoted by the dialect (a suite never writes SQL here).
 */
function qualifiedName(ctx: Ctx<K>, name: string): Sql {
  const parts: string[] = [];
  const part = /"((?:[^"]|"")*)"|([^".]+)/y;
  let i = 0;
  for (;;) {
    part.lastIndex = i;
    const m = part.exec(name);
    if (!m) break;
    const text = m[1] !== undefined ? m[1].replaceAll('""', '"') : m[2]!.trim();
    if (!text) break;
    parts.push(text);
    i = part.lastIndex;
    if (i === name.length) return parts.length <= 3 ? parts.map((p) => ctx.dialect.ident(p)).join('.') : bad(name);
    if (name[i] !== '.') break;
    i++;
  }
  return bad(name);
}

function bad(name: string): never {
  throw new InvalidKwargsError(`other_table_name ${JSON.stringify(name)} is not a table name (table, schema.table or "quoted name")`);
}

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
    qualifiedName(ctx, ctx.kwargs.other_table_name);
    return { row_count: ctx.count() };
  },
  // Another table cannot share this table's scan: one count query of its own. As GE does,
  // the row_condition applies to both tables.
  async judge(ctx, m, run) {
    const other = qualifiedName(ctx, ctx.kwargs.other_table_name);
    const [row] = await run(`SELECT count(*) AS n FROM ${other}${ctx.where ? ` WHERE ${ctx.where}` : ''}`);
    const self = Number(m.row_count);
    const otherCount = Number(row!.n);
    return aggregateResult(ctx, self === otherCount, { observed_value: { self, other: otherCount } });
  },
};
export default def;
