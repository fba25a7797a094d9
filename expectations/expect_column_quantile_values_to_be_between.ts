import { aggregateResult } from '../src/engine/aggregate.js';
import { type ExpectationDefinition, type Sql } from '../src/engine/types.js';
import { InvalidKwargsError } from '../src/errors.js';

type Range = [number | null, number | null];
interface K {
  column: string;
  quantile_ranges: { quantiles: number[]; value_ranges: Range[] };
  allow_relative_error?: boolean | string | number;
}

/** numpy.isclose(a, b, rtol) with numpy's default atol. */
const isclose = (a: number, b: number, rtol: number) => Math.abs(a - b) <= 1e-8 + rtol * Math.abs(b);

// Quantiles are discrete (a value of the column), as GE computes them on SQL engines
// (percentile_disc). allow_relative_error is accepted; the quantiles are always exact.
const def: ExpectationDefinition<K> = {
  type: 'expect_column_quantile_values_to_be_between',
  family: 'column_aggregate',
  description: 'Given quantiles of a column each lie between a minimum and a maximum.',
  schema: {
    properties: {
      quantile_ranges: {
        type: 'object',
        description: 'quantiles: increasing list of quantiles; value_ranges: a [min, max] pair for each (null: unbounded).',
        properties: {
          quantiles: { type: 'array', items: { type: 'number', minimum: 0, maximum: 1 } },
          value_ranges: { type: 'array', items: { type: 'array', items: { type: ['number', 'null'] }, minItems: 2, maxItems: 2 } },
        },
        required: ['quantiles', 'value_ranges'],
        additionalProperties: false,
      },
      allow_relative_error: { type: ['boolean', 'string', 'number'], description: 'Accepted for compatibility; quantiles are exact.' },
    },
    required: ['quantile_ranges'],
  },
  sentence: (k) =>
    `quantiles of ${k.column}: ${k.quantile_ranges.quantiles
      .map((q, i) => `${q} in [${k.quantile_ranges.value_ranges[i]?.map((v) => v ?? 'any').join(', ')}]`)
      .join('; ')}`,
  columns: (k) => [k.column],
  check(k) {
    const { quantiles, value_ranges } = k.quantile_ranges;
    // GE's pydantic validator on quantile_ranges.
    if (!value_ranges.every(([lo, hi]) => lo === null || hi === null || lo <= hi)) {
      throw new InvalidKwargsError('quantile_ranges must consist of ordered pairs');
    }
    if (quantiles.length !== value_ranges.length) {
      throw new InvalidKwargsError('quantile_values and quantiles must have the same number of elements');
    }
  },
  plan(ctx): Record<string, Sql> {
    def.check!(ctx.kwargs);
    const { quantiles } = ctx.kwargs.quantile_ranges;
    if (quantiles.length === 0) return {};
    return { values: ctx.agg({ fn: 'quantiles_disc', arg: ctx.col(ctx.kwargs.column), quantiles }) };
  },
  judge(ctx, m) {
    const { quantiles, value_ranges } = ctx.kwargs.quantile_ranges;
    // Drivers may return decimals as text.
    const values = ((m.values ?? quantiles.map(() => null)) as unknown[]).map((v) => (v === null || v === undefined ? null : Number(v)));
    // None bounds are -inf/+inf; a value within 1e-4 (relative) of a bound passes.
    const success_details = value_ranges.map(([lo, hi], i) => {
      const v = values[i];
      if (v === null || v === undefined) return false;
      const min = lo ?? -Infinity;
      const max = hi ?? Infinity;
      return isclose(v, min, 1e-4) || isclose(v, max, 1e-4) || (min <= v && v <= max);
    });
    return aggregateResult(ctx, success_details.every(Boolean), {
      observed_value: { quantiles, values },
      details: { success_details },
    });
  },
};
export default def;
