import { betweenSchema, checkBetween, describeBetween, type BetweenKwargs } from '../src/engine/aggregate.js';
import { mapExpectation } from '../src/engine/map.js';

type K = BetweenKwargs & { column: string; mostly?: number };

export default mapExpectation<K>({
  type: 'expect_column_values_to_be_between',
  description: 'Each value of a column lies between a minimum and a maximum.',
  schema: betweenSchema,
  sentence: (k) => `values of ${k.column} ${describeBetween(k)}`,
  check: (k) => checkBetween(k),
  unexpected(ctx) {
    const { dialect: d, kwargs: k } = ctx;
    const c = ctx.col(k.column);
    const ok: string[] = [];
    if (k.min_value !== null && k.min_value !== undefined) ok.push(`${c} ${k.strict_min ? '>' : '>='} ${d.literal(k.min_value)}`);
    if (k.max_value !== null && k.max_value !== undefined) ok.push(`${c} ${k.strict_max ? '<' : '<='} ${d.literal(k.max_value)}`);
    return `NOT (${ok.join(' AND ')})`;
  },
});
