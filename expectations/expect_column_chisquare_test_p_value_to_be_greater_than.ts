// Chi-square goodness of fit of a column's value counts to a categorical partition, as GE's
// implementation of this type computes it (scipy.stats.chisquare): expected counts are the
// partition's weights times the non-null count; values the partition does not list share
// tail_weight_holdout (the listed ones shrink by it). Reads the shared GROUP BY value counts.
import { aggregateResult, valueCounts } from '../src/engine/aggregate.js';
import { chi2Sf } from '../src/engine/stats.js';
import type { ExpectationDefinition } from '../src/engine/types.js';
import { alignWithCounts, isCategorical, sum, type CategoricalPartition, type Partition } from './_partition.js';
import { ValueError } from './_python_errors.js';

interface K {
  column: string;
  partition_object: Partition | null;
  p?: number;
  tail_weight_holdout?: number;
}

/** The partition, which must be a valid categorical one (GE raises otherwise). */
function categorical(p: Partition | null): CategoricalPartition {
  if (!isCategorical(p)) throw new ValueError('Invalid categorical partition object.');
  return p;
}

/** JSON has no NaN: GE's NaN p-value (0/0 cells, an empty column) is reported as null. */
const finiteOrNull = (x: number) => (Number.isNaN(x) ? null : x);

/** scipy.stats.chisquare(f_obs, f_exp): the statistic, its p-value with k − 1 degrees of freedom. */
function chisquare(observed: number[], expected: number[]): number {
  // scipy refuses frequencies whose totals differ by more than √eps (relative).
  const so = sum(observed);
  const se = sum(expected);
  const rtol = Math.sqrt(2.220446049250313e-16);
  if (Math.abs(so - se) / Math.min(so, se) > rtol) {
    throw new ValueError(
      `For each axis slice, the sum of the observed frequencies must agree with the sum of the expected frequencies to a relative tolerance of ${rtol}: observed ${so}, expected ${se}`,
    );
  }
  const statistic = sum(observed.map((o, i) => (o - expected[i]!) ** 2 / expected[i]!));
  return chi2Sf(statistic, observed.length - 1);
}

const def: ExpectationDefinition<K> = {
  type: 'expect_column_chisquare_test_p_value_to_be_greater_than',
  family: 'column_aggregate',
  description: "A chi-square test of a column's value counts against a categorical partition has a p-value above p.",
  schema: {
    properties: {
      partition_object: {
        type: ['object', 'null'],
        description: 'Expected distribution: {values, weights}, the weights summing to 1.',
        properties: { values: { type: 'array' }, weights: { type: 'array', items: { type: 'number' } }, bins: { type: 'array' } },
      },
      p: { type: 'number', description: 'The p-value must be greater than this (default 0.05).' },
      tail_weight_holdout: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description: 'Weight shared by values the partition does not list (default 0).',
      },
    },
    required: ['partition_object'],
  },
  sentence: (k) => `chi-square p-value of ${k.column} against the expected partition above ${k.p ?? 0.05}`,
  columns: (k) => [k.column],
  plan(ctx) {
    categorical(ctx.kwargs.partition_object);
    return {};
  },
  async judge(ctx, _m, run) {
    const k = ctx.kwargs;
    const partition = categorical(k.partition_object);
    const threshold = k.p ?? 0.05;
    const holdout = k.tail_weight_holdout ?? 0;
    const counts = await valueCounts(ctx, k.column, run);
    const n = sum(counts.map((c) => c.count));

    const all = alignWithCounts(ctx, partition, counts);
    const unlisted = all.filter((r) => r.weight === null).length;
    const observed = all.map((r) => r.count);
    const expected = all.map((r) =>
      unlisted === 0 ? r.weight! * n : r.weight === null ? n * (holdout / unlisted) : r.weight * n * (1 - holdout),
    );

    const pValue = chisquare(observed, expected);
    const values = all.map((r) => r.value);
    const so = sum(observed);
    const se = sum(expected);
    return aggregateResult(ctx, pValue > threshold, {
      observed_value: finiteOrNull(pValue),
      details: {
        // Normalised, so they can serve as partitions of other expectations (GE does the same).
        observed_partition: { values, weights: observed.map((o) => finiteOrNull(o / so)) },
        expected_partition: { values, weights: expected.map((e) => finiteOrNull(e / se)) },
      },
    });
  },
};
export default def;
