import type { Sql } from '../../engine/types.js';
import type { RunContext } from '../context.js';

/** The view SQL sees under the source's name: all rows, or the first `limit` (--limit). */
export async function limitedView(ctx: RunContext, name: string, relation: Sql, limit: number | null): Promise<void> {
  const d = ctx.conn.dialect;
  await ctx.conn.exec(
    `CREATE OR REPLACE TEMP VIEW ${d.ident(name)} AS SELECT * FROM ${relation}${limit !== null ? ` LIMIT ${Math.trunc(limit)}` : ''}`,
  );
}
