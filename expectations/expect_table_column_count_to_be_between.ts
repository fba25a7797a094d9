import { aggregateResult, checkBetween, describeBetween, isBetween, type BetweenKwargs } from '../src/engine/aggregate.js';
import { InvalidKwargsError, type ExpectationDefinition, type JsonSchema } from '../src/engine/types.js';

/** Bounds on a count (GE: int or None), shared with expect_table_row_count_to_be_between. */
export const countBetweenSchema: JsonSchema = {
  properties: {
    min_value: { type: ['number', 'null'], description: 'Lowest allowed count; null or absent for none.' },
    max_value: { type: ['number', 'null'], description: 'Highest allowed count; null or absent for none.' },
    strict_min: { type: 'boolean', description: 'Exclude min_value itself.' },
    strict_max: { type: 'boolean', description: 'Exclude max_value itself.' },
  },
};

/** Kwargs checks for count bounds (the schema's, again, for callers that skip it). */
export function checkCountBetween(k: BetweenKwargs): void {
  for (const key of ['min_value', 'max_value'] as const) {
    const v = k[key];
    if (v != null && typeof v !== 'number') throw new InvalidKwargsError(`${key} is not a valid number: ${JSON.stringify(v)}`);
  }
  checkBetween(k, { requireOne: false });
}

/** Both bounds absent is vacuously true, as in GE. */
export const countIsBetween = (n: number, k: BetweenKwargs) => (k.min_value == null && k.max_value == null) || isBetween(n, k);

const def: ExpectationDefinition<BetweenKwargs> = {
  type: 'expect_table_column_count_to_be_between',
  family: 'table',
  description: 'The number of columns lies between a minimum and a maximum.',
  schema: countBetweenSchema,
  sentence: (k) => `column count ${describeBetween(k)}`,
  columns: () => [],
  // The column list is known before any scan: nothing to plan.
  plan(ctx) {
    checkCountBetween(ctx.kwargs);
    return {};
  },
  judge(ctx) {
    const observed = ctx.columns.length;
    return aggregateResult(ctx, countIsBetween(observed, ctx.kwargs), { observed_value: observed });
  },
};
export default def;
