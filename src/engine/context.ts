// Builds what one expectation sees: its kwargs, the table's columns, and helpers that put the
// row_condition inside every aggregate (its filter) so all expectations share one scan.
import type { Dialect } from '../dialects/base.js';
import type { HistoryView } from '../history/store.js';
import { compileRowCondition } from './row-condition.js';
import { normalizeResultFormat } from './result-format.js';
import { type Column, type Ctx, type Reach, type ResultFormatName, type Sql } from './types.js';
import { MissingColumnError } from '../errors.js';

export const ROW_NUMBER = '__assay_row';

export function and(...conds: (Sql | null | undefined)[]): Sql | null {
  const parts = conds.filter((c): c is Sql => !!c);
  return parts.length === 0 ? null : parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' AND ');
}

export function makeCtx<K extends Record<string, unknown>>(
  dialect: Dialect,
  table: Sql,
  columns: Column[],
  kwargs: K,
  defaultResultFormat: ResultFormatName = 'BASIC',
  run: { now?: Date; history?: HistoryView | null; reach?: Reach | null } = {},
): Ctx<K> {
  const names = columns.map((c) => c.name);
  const find = (name: string) => {
    const c = columns.find((x) => x.name === name);
    if (!c) throw new MissingColumnError(name, names);
    return c;
  };
  const where =
    typeof kwargs.row_condition === 'string' && kwargs.row_condition.trim() !== ''
      ? compileRowCondition(kwargs.row_condition, kwargs.condition_parser as string | undefined, dialect, names)
      : null;
  const ctx: Ctx<K> = {
    dialect,
    table,
    columns,
    kwargs,
    resultFormat: normalizeResultFormat(kwargs.result_format, defaultResultFormat),
    where,
    now: run.now ?? new Date(),
    history: run.history ?? null,
    reach: run.reach ?? null,
    col: (name) => dialect.ident(find(name).name),
    typeOf: (name) => find(name).type,
    agg: (node, cond) => dialect.aggregate({ ...node, filter: and(where, node.filter, cond) }),
    count: (cond) => ctx.agg({ fn: 'count' }, cond),
    from(cond) {
      const c = and(where, cond);
      return `FROM ${table}${c ? ` WHERE ${c}` : ''}`;
    },
    fromNumbered(cond) {
      const c = and(where, cond);
      return `FROM (SELECT *, ${dialect.rowNumber()} - 1 AS ${ROW_NUMBER} FROM ${table}) AS t${c ? ` WHERE ${c}` : ''}`;
    },
  };
  return ctx;
}
