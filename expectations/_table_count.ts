// The table count expectations: rows or columns, between bounds or equal to a value. The row
// count is one metric of the fused scan; the column list is known before any scan, so a column
// count plans nothing.
import { aggregateResult, checkBetween, describeBetween, isBetween, type BetweenKwargs } from '../src/engine/aggregate.js';
import { type Ctx, type ExpectationDefinition, type JsonSchema, type Row, type Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';

type Counted = 'row' | 'column';

/** The metrics a count needs, and the count read from them. */
const COUNTS: Record<Counted, { plan(ctx: Ctx): Record<string, Sql>; observe(ctx: Ctx, m: Row): number }> = {
  row: { plan: (ctx) => ({ row_count: ctx.count() }), observe: (_ctx, m) => Number(m.row_count) },
  column: { plan: () => ({}), observe: (ctx) => ctx.columns.length },
};

interface CountSpec {
  type: string;
  description: string;
  counts: Counted;
}

/** Bounds on a count (GE: int or None). */
const countBetweenSchema: JsonSchema = {
  properties: {
    min_value: { type: ['number', 'null'], description: 'Lowest allowed count; null or absent for none.' },
    max_value: { type: ['number', 'null'], description: 'Highest allowed count; null or absent for none.' },
    strict_min: { type: 'boolean', description: 'Exclude min_value itself.' },
    strict_max: { type: 'boolean', description: 'Exclude max_value itself.' },
  },
};

/** Kwargs checks for count bounds (the schema's, again, for callers that skip it). */
function checkCountBetween(k: BetweenKwargs): void {
  for (const key of ['min_value', 'max_value'] as const) {
    const v = k[key];
    if (v != null && typeof v !== 'number') throw new InvalidKwargsError(`${key} is not a valid number: ${JSON.stringify(v)}`);
  }
  checkBetween(k, { requireOne: false });
}

/** Both bounds absent is vacuously true, as in GE. */
const countIsBetween = (n: number, k: BetweenKwargs) => (k.min_value == null && k.max_value == null) || isBetween(n, k);

/** expect_table_<row|column>_count_to_be_between */
export function tableCountBetween(spec: CountSpec): ExpectationDefinition<BetweenKwargs> {
  const count = COUNTS[spec.counts];
  return {
    type: spec.type,
    family: 'table',
    description: spec.description,
    schema: countBetweenSchema,
    sentence: (k) => `${spec.counts} count ${describeBetween(k)}`,
    columns: () => [],
    check: checkCountBetween,
    plan(ctx) {
      checkCountBetween(ctx.kwargs);
      return count.plan(ctx);
    },
    judge(ctx, m) {
      const observed = count.observe(ctx, m);
      return aggregateResult(ctx, countIsBetween(observed, ctx.kwargs), { observed_value: observed });
    },
  };
}

/** expect_table_<row|column>_count_to_equal */
export function tableCountEquals(spec: CountSpec): ExpectationDefinition<{ value: number }> {
  const count = COUNTS[spec.counts];
  return {
    type: spec.type,
    family: 'table',
    description: spec.description,
    schema: {
      properties: { value: { type: 'integer', description: `The expected number of ${spec.counts}s.` } },
      required: ['value'],
    },
    sentence: (k) => `exactly ${k.value} ${spec.counts}s`,
    columns: () => [],
    check(k) {
      if (!Number.isInteger(k.value)) throw new InvalidKwargsError(`value is not a valid integer: ${JSON.stringify(k.value)}`);
    },
    plan(ctx) {
      if (!Number.isInteger(ctx.kwargs.value))
        throw new InvalidKwargsError(`value is not a valid integer: ${JSON.stringify(ctx.kwargs.value)}`);
      return count.plan(ctx);
    },
    judge(ctx, m) {
      const observed = count.observe(ctx, m);
      return aggregateResult(ctx, observed === ctx.kwargs.value, { observed_value: observed });
    },
  };
}
