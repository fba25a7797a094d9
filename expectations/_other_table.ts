// Another table an expectation reads beside the one under test (row counts, foreign keys,
// reconciliation): a table or view of the same connection, written `orders`, `sales.orders`,
// `db.sales.orders` or `"Odd.Name"`, each part quoted by the dialect; or, on DuckDB, a file or
// glob (`customers.parquet`, `data/*.csv`) read in place. A suite never writes SQL here.
// Or the other table lives in another engine (the reconciliation types): `other_connection` names
// a connection of the project's config, or a file is the other table of a server's table; each
// side is then reduced where it lives and the results meet in a DuckDB (src/engine/land.ts).
import type { Dialect } from '../src/dialects/base.js';
import type { CompareSide } from '../src/engine/cross-compare.js';
import { checkRowCondition, compileRowCondition } from '../src/engine/row-condition.js';
import { formatOf } from '../src/engine/sources.js';
import type { Ctx, JsonSchema, Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';

const READERS = { parquet: 'read_parquet', csv: 'read_csv', tsv: 'read_csv', json: 'read_json', ndjson: 'read_json' } as const;

/** What reads the other table: an expectation's ctx, or the connection of another engine. */
type Reader = { dialect: Dialect };

/** The data file format of a name that is a path (`data/x.csv`, `x.parquet`), else null (a table name). */
export const fileFormat = (name: string) => (/[/\\]/.test(name) || /\.[a-z]+(\.gz)?$/i.test(name) ? formatOf(name) : null);

/** The other table, ready to put after FROM; `kwarg` names it in errors. */
export function otherRelation(ctx: Reader, name: string, kwarg: string): Sql {
  const format = fileFormat(name);
  if (format) {
    if (ctx.dialect.name !== 'duckdb')
      throw new InvalidKwargsError(
        `${kwarg} ${JSON.stringify(name)} is a file, which only DuckDB reads; on ${ctx.dialect.name} name a table of the same database`,
      );
    return `${READERS[format]}(${ctx.dialect.literal(name)})`;
  }
  return qualifiedName(ctx, name, kwarg, ctx.dialect.name === 'duckdb' ? ' or a data file' : '');
}

/** Up to three dot-separated parts, each bare or double-quoted, each quoted by the dialect. */
export function qualifiedName(ctx: Reader, name: string, kwarg: string, orElse = ''): Sql {
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
    if (i === name.length && parts.length <= 3) return parts.map((p) => ctx.dialect.ident(p)).join('.');
    if (i === name.length || name[i] !== '.') break;
    i++;
  }
  throw new InvalidKwargsError(`${kwarg} ${JSON.stringify(name)} is not a table name (table, schema.table or "quoted name")${orElse}`);
}

type Elsewhere = { other_table: string; other_connection?: string; other_row_condition?: string };

/** The `other_row_condition` kwarg: which rows of the other table take part. */
export const otherRowConditionSchema: JsonSchema = {
  type: 'string',
  minLength: 1,
  description:
    "Only rows of other_table matching this SQL condition (over its own columns) take part, as row_condition restricts this table's; e.g. day = '2026-12-01'.",
};

/** Checks other_row_condition when the suite is loaded, as a row_condition is. */
export function checkOtherRowCondition(k: { other_row_condition?: string }): void {
  if (k.other_row_condition === undefined) return;
  try {
    checkRowCondition(k.other_row_condition, 'sql');
  } catch (err) {
    throw new InvalidKwargsError(`other_row_condition: ${(err as Error).message}`);
  }
}

/** other_row_condition as a predicate of `reader`'s dialect, or null when there is none. */
export function otherWhere(reader: Reader, k: { other_row_condition?: string }): Sql | null {
  return k.other_row_condition === undefined ? null : compileRowCondition(k.other_row_condition, 'sql', reader.dialect, []);
}

/** The `other_connection` kwarg; `crossing` says what leaves each engine. */
export const otherConnectionSchema = (crossing: string): JsonSchema => ({
  type: 'string',
  minLength: 1,
  description: `The connection of the project's config (connections:) where other_table lives, when it is another engine or database than this table's: ${crossing}.`,
});

/** Whether the other table lives in another engine than this one. */
export const crossEngine = (ctx: Ctx<Elsewhere>) =>
  ctx.kwargs.other_connection !== undefined || (ctx.dialect.name !== 'duckdb' && fileFormat(ctx.kwargs.other_table) !== null);

/** The other table in its own engine: a named connection's table, or a file read by the DuckDB where the sides meet. */
export async function elsewhere(ctx: Ctx<Elsewhere>): Promise<CompareSide> {
  const { other_table: name, other_connection: via } = ctx.kwargs;
  if (via !== undefined && fileFormat(name))
    throw new InvalidKwargsError(`other_table ${JSON.stringify(name)} is a file, which DuckDB reads: drop other_connection`);
  if (!ctx.reach)
    throw new InvalidKwargsError(
      `other_table ${JSON.stringify(name)} lives in another engine (${via === undefined ? 'a file' : `connection ${via}`}), which only \`assay validate\` and the API's validate reach (a pipeline compares through load.reconcile)`,
    );
  const conn = via === undefined ? await ctx.reach.scratch() : await ctx.reach.connection(via);
  return { conn, relation: otherRelation(conn, name, 'other_table'), where: otherWhere(conn, ctx.kwargs), local: via === undefined };
}
