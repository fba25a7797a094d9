// Reconciliation: this table (the target) holds the same rows as another (the source), matched
// by key. Where both live in one engine it is one query there: a FULL OUTER JOIN on the key
// counts rows missing here, rows extra here and rows whose compared columns differ (per column,
// IS DISTINCT FROM, so two nulls are equal). A second query, run only when something differs,
// samples the differing rows with their keys. Nothing but counts and samples leaves the engine.
//
// Where the other table lives in another engine (`other_connection`, a connection of the
// project's config; or a file while this table is in a server), each side is reduced in its own
// engine to keys and hashes, which alone cross into a DuckDB (src/engine/cross-compare.ts).
//
// What a key, a null key part and a duplicated key mean is said once, in src/engine/match.ts,
// whose queries this type runs (the cross-engine comparison runs the same ones over hashes).
import { aggregateResult, sampleLimit } from '../src/engine/aggregate.js';
import { crossCompare } from '../src/engine/cross-compare.js';
import { judgeMatch } from '../src/engine/match.js';
import type { Ctx, ExpectationDefinition, Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';
import {
  checkOtherRowCondition,
  crossEngine,
  elsewhere,
  otherConnectionSchema,
  otherRelation,
  otherRowConditionSchema,
  otherWhere,
} from './_other_table.js';

type K = {
  other_table: string;
  key: string | string[];
  compare_columns?: string[];
  other_connection?: string;
  other_row_condition?: string;
};

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** The key columns and the compared columns (default: every column of this table but the key). */
function columnsOf(ctx: Ctx<K>): { keys: string[]; compared: string[] } {
  const keys = list(ctx.kwargs.key);
  const compared = ctx.kwargs.compare_columns ?? ctx.columns.map((c) => c.name).filter((c) => !keys.includes(c));
  const repeated = compared.filter((c) => keys.includes(c));
  if (repeated.length) throw new InvalidKwargsError(`compare_columns may not repeat a key column (${repeated.join(', ')})`);
  return { keys, compared };
}

/** The two sides of the keyed comparison, as src/engine/match.ts reads them. */
function sides(ctx: Ctx<K>) {
  const d = ctx.dialect;
  const { keys, compared } = columnsOf(ctx);
  const other = otherRelation(ctx, ctx.kwargs.other_table, 'other_table');
  const where = otherWhere(ctx, ctx.kwargs);
  const from = `FROM ${other} AS o${where ? ` WHERE ${where}` : ''}`;
  const side = (col: (c: string) => Sql) =>
    `TRUE AS p, ${[...keys.map((c, i) => `${col(c)} AS k${i}`), ...compared.map((c, i) => `${col(c)} AS c${i}`)].join(', ')}`;
  return {
    dialect: d,
    keys,
    compared,
    self: `SELECT ${side((c) => ctx.col(c))} ${ctx.from()}`,
    other: `SELECT ${side((c) => d.ident(c))} ${from}`,
    otherRows: `(SELECT count(*) ${from})`,
  };
}

const def: ExpectationDefinition<K> = {
  type: 'expect_table_to_match_other_table',
  family: 'table',
  description: 'The table holds the same rows as another, matched by key: none missing, none extra, none changed.',
  schema: {
    properties: {
      other_table: {
        type: 'string',
        minLength: 1,
        description: 'The table to match (the source): a table of the same connection, or on DuckDB a file or glob.',
      },
      key: {
        description: 'The column or columns that identify a row on both sides.',
        oneOf: [
          { type: 'string', minLength: 1 },
          { type: 'array', items: { type: 'string', minLength: 1 }, minItems: 1, uniqueItems: true },
        ],
      },
      other_connection: otherConnectionSchema('only keys and hashes cross'),
      other_row_condition: otherRowConditionSchema,
      compare_columns: {
        type: 'array',
        items: { type: 'string', minLength: 1 },
        uniqueItems: true,
        description: 'Columns whose values must agree (default: every column of this table but the key).',
      },
    },
    required: ['other_table', 'key'],
  },
  sentence: (k) => `rows match ${k.other_table}${k.other_connection ? ` (${k.other_connection})` : ''} by ${list(k.key).join(', ')}`,
  columns: (k) => [...list(k.key), ...(k.compare_columns ?? [])],
  check: checkOtherRowCondition,
  plan(ctx) {
    if (crossEngine(ctx)) columnsOf(ctx);
    else sides(ctx);
    // This side's row count shares the table's scan; the other side's is counted with the join.
    return { rows: ctx.count() };
  },
  async judge(ctx, m, run) {
    if (crossEngine(ctx)) {
      const { keys, compared } = columnsOf(ctx);
      const other = await elsewhere(ctx);
      const scratch = await ctx.reach!.scratch();
      const self = ctx.reach!.self;
      const r = await crossCompare({
        self: { conn: self, relation: ctx.table, where: ctx.where, local: self === scratch },
        other,
        keys,
        compared,
        scratch,
        sampleLimit: sampleLimit(ctx),
      });
      return aggregateResult(ctx, r.success, {
        observed_value: r.observed,
        details: { ...r.details, ...(r.moved.rows ? { moved: r.moved } : {}) },
      });
    }
    const { success, observed, details } = await judgeMatch(
      { ...sides(ctx), rows: Number(m.rows ?? 0), limit: sampleLimit(ctx), values: true },
      run,
    );
    return aggregateResult(ctx, success, { observed_value: observed, details });
  },
};
export default def;
