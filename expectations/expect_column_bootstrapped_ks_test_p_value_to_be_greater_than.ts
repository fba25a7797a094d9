// Bootstrapped Kolmogorov–Smirnov test of a numeric column against a continuous partition, as
// GE's implementation of this type computes it: the partition's CDF is the linear interpolation
// of its cumulative weights over its bins; each of bootstrap_samples rounds draws
// bootstrap_sample_size values with replacement and runs scipy's exact two-sided KS test; the
// observed value is (1 + rounds with p-value ≥ p) / (rounds + 1), and must exceed p.
// Deliberate difference: GE draws from an unseeded generator; Assay seeds its own, so a result
// is the same from run to run. Draws come from the column's distinct values weighted by their
// counts (the shared GROUP BY query), which is the same distribution as drawing rows.
import { aggregateResult, valueCounts } from '../src/engine/aggregate.js';
import { kolmogorovSfAtLeast, ksStatistic, Random } from '../src/engine/stats.js';
import { type ExpectationDefinition } from '../src/engine/types.js';
import { isContinuous, readBins, sum, type Partition } from './_partition.js';
import { ValueError } from './_python_errors.js';
import { InvalidKwargsError } from '../src/errors.js';

interface K {
  column: string;
  partition_object: Partition | null;
  p?: number;
  bootstrap_samples?: number | null;
  bootstrap_sample_size?: number | null;
}

const SEED = 0x5eed_1234;

/** The partition as GE checks it (is_valid_continuous_partition_object, then finite, no tails). */
function check(partition: Partition | null): { bins: number[]; weights: number[] } {
  const p = readBins(partition);
  if (!isContinuous(p)) throw new ValueError('Invalid continuous partition object.');
  const b = p.bins;
  if (b[0] === -Infinity || b[b.length - 1] === Infinity) throw new ValueError('Partition endpoints must be finite.');
  if (p.tail_weights !== undefined && sum(p.tail_weights as number[]) > 0) {
    throw new ValueError('Partition cannot have tail weights -- endpoints must be finite.');
  }
  return { bins: b, weights: p.weights };
}

/** Running sums, left to right (numpy.cumsum), so the floats are GE's to the last bit. */
function cumsum(xs: number[]): number[] {
  let s = 0;
  return xs.map((x) => (s += x));
}

/** The largest i with xs[i] ≤ x, for sorted xs and xs[0] ≤ x. */
function lastAtOrBelow(xs: number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** numpy.interp(x, xp, fp): linear between points, fp's end values outside them. */
function interp(x: number, xp: number[], fp: number[]): number {
  if (Number.isNaN(x)) return NaN;
  if (x <= xp[0]!) return fp[0]!;
  const last = xp.length - 1;
  if (x >= xp[last]!) return fp[last]!;
  const lo = lastAtOrBelow(xp, x);
  const slope = (fp[lo + 1]! - fp[lo]!) / (xp[lo + 1]! - xp[lo]!);
  return slope * (x - xp[lo]!) + fp[lo]!;
}

const def: ExpectationDefinition<K> = {
  type: 'expect_column_bootstrapped_ks_test_p_value_to_be_greater_than',
  family: 'column_aggregate',
  description: 'A bootstrapped Kolmogorov–Smirnov test of a numeric column against a continuous partition has a p-value statistic above p.',
  schema: {
    properties: {
      partition_object: {
        type: ['object', 'null'],
        description: 'Expected distribution: {bins, weights} with finite bins and weights summing to 1.',
        properties: {
          bins: { type: 'array', items: { type: ['number', 'string'] } },
          weights: { type: 'array', items: { type: 'number' } },
          tail_weights: { type: 'array', items: { type: 'number' } },
          values: { type: 'array' },
        },
      },
      p: { type: 'number', description: 'A round passes when its KS p-value is at least p; the statistic must exceed p (default 0.05).' },
      bootstrap_samples: { type: ['integer', 'null'], minimum: 1, description: 'Number of bootstrap rounds (default 1000).' },
      bootstrap_sample_size: {
        type: ['integer', 'null'],
        minimum: 1,
        description: 'Values drawn per round, with replacement (default twice the number of weights).',
      },
    },
    required: ['partition_object'],
  },
  sentence: (k) => `bootstrapped Kolmogorov–Smirnov p-value of ${k.column} against the expected partition above ${k.p ?? 0.05}`,
  columns: (k) => [k.column],
  plan(ctx) {
    check(ctx.kwargs.partition_object);
    const type = ctx.typeOf(ctx.kwargs.column);
    if (!ctx.dialect.isNumericType(type))
      throw new InvalidKwargsError(`column ${JSON.stringify(ctx.kwargs.column)} is ${type}, not numeric`);
    return {};
  },
  async judge(ctx, _m, run) {
    const k = ctx.kwargs;
    const { bins, weights } = check(k.partition_object);
    const p = k.p ?? 0.05;
    const rounds = k.bootstrap_samples ?? 1000;
    const size = k.bootstrap_sample_size ?? weights.length * 2;
    // NaN is missing to pandas, as NULL is.
    const counts = (await valueCounts(ctx, k.column, run))
      .map((c) => ({ value: Number(c.value), count: c.count }))
      .filter((c) => !Number.isNaN(c.value));
    const values = counts.map((c) => c.value);
    const cumulative = cumsum(counts.map((c) => c.count));
    const n = cumulative[cumulative.length - 1] ?? 0;
    if (n === 0) throw new ValueError('a cannot be empty unless no samples are taken');

    const testCdf = [0, ...cumsum(weights)];
    const cdf = (x: number) => interp(x, bins, testCdf);
    const rng = new Random(SEED);
    const ones = new Array<number>(size).fill(1);
    const sample = new Array<number>(size);
    // p-value ≥ p, decided for all rounds at once: the KS p-value falls as the statistic grows.
    const passes = kolmogorovSfAtLeast(size, p);
    let passed = 0;
    for (let r = 0; r < rounds; r++) {
      for (let i = 0; i < size; i++) {
        // The row with this rank, found among the distinct values by their cumulative counts.
        const rank = rng.below(n);
        let lo = 0;
        let hi = cumulative.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (cumulative[mid]! > rank) hi = mid;
          else lo = mid + 1;
        }
        sample[i] = values[lo]!;
      }
      sample.sort((a, b) => a - b);
      if (passes(ksStatistic(sample, ones, cdf))) passed++;
    }
    const statistic = (1 + passed) / (rounds + 1);

    // numpy.histogram over the bins (the last bin closed), and what lies outside them.
    const hist = new Array<number>(weights.length).fill(0);
    let below = 0;
    let above = 0;
    for (const { value, count } of counts) {
      if (value < bins[0]!) below += count;
      else if (value > bins[bins.length - 1]!) above += count;
      else hist[Math.min(lastAtOrBelow(bins, value), hist.length - 1)]! += count;
    }
    const observedBins = [...(below > 0 ? [values[0]!] : []), ...bins, ...(above > 0 ? [values[values.length - 1]!] : [])];
    const observedWeights = [...(below > 0 ? [below] : []), ...hist, ...(above > 0 ? [above] : [])].map((c) => c / n);

    return aggregateResult(ctx, statistic > p, {
      observed_value: statistic,
      details: {
        bootstrap_samples: rounds,
        bootstrap_sample_size: size,
        observed_partition: { bins: observedBins, weights: observedWeights },
        expected_partition: { bins, weights },
        observed_cdf: { x: observedBins, cdf_values: [0, ...cumsum(observedWeights)] },
        expected_cdf: { x: bins, cdf_values: testCdf },
      },
    });
  },
};
export default def;
