// KL divergence of a column's distribution from an expected partition, as GE 1.x computes it.
// A categorical partition ({values, weights}) is compared with the column's value counts (the
// shared GROUP BY query); a continuous one ({bins, weights[, tail_weights]}) with a histogram
// over its bins, counted in the fused scan. Without a partition, one is built from the data
// (GE's "auto" bins, or value counts when bucketize_data is false).
import { aggregateResult, valueCounts, type ValueCount } from '../src/engine/aggregate.js';
import { type Ctx, type ExpectationDefinition, type Row, type Sql } from '../src/engine/types.js';
import {
  alignWithCounts,
  isCategorical,
  isContinuous,
  readBins,
  sum,
  type CategoricalPartition,
  type ContinuousPartition,
  type Partition,
} from './_partition.js';
import { ValueError } from './_python_errors.js';
import { InvalidKwargsError } from '../src/errors.js';

interface K {
  column: string;
  partition_object?: Partition | null;
  threshold?: number | null;
  internal_weight_holdout?: number | null;
  tail_weight_holdout?: number | null;
  bucketize_data?: boolean;
  min_value?: unknown;
  max_value?: unknown;
}

// ---- scipy ---------------------------------------------------------------------------------

/** scipy.stats.entropy(pk, qk): both normalised to sum 1, then sum of rel_entr. */
function entropy(pk: number[], qk: number[]): number {
  const sp = sum(pk);
  const sq = sum(qk);
  let s = 0;
  for (let i = 0; i < pk.length; i++) {
    const p = pk[i]! / sp;
    const q = qk[i]! / sq;
    if (Number.isNaN(p) || Number.isNaN(q)) return NaN;
    if (p > 0 && q > 0) s += p * Math.log(p / q);
    else if (p === 0 && q >= 0) s += 0;
    else return Infinity;
  }
  return s;
}

/** numpy.linspace(start, stop, n + 1). */
function linspace(start: number, stop: number, n: number): number[] {
  if (n === 0) return [start];
  const step = (stop - start) / n;
  return Array.from({ length: n + 1 }, (_, i) => (i === n ? stop : start + i * step));
}

// ---- SQL -----------------------------------------------------------------------------------

/** Counts per bin as GE's SQL histogram: [b_i, b_i+1) and the last bin closed; ±inf edges open. */
function histogramMetrics(ctx: Ctx<K>, bins: number[]): Record<string, Sql> {
  const d = ctx.dialect;
  const c = ctx.col(ctx.kwargs.column);
  const lit = (b: number) => d.castDouble(d.literal(b));
  const n = bins.length - 1;
  const out: Record<string, Sql> = { nonnull: ctx.agg({ fn: 'count', arg: c }) };
  for (let i = 0; i < n; i++) {
    const lower = i === 0 && bins[0] === -Infinity ? null : `${c} >= ${lit(bins[i]!)}`;
    const upper = i < n - 1 ? `${c} < ${lit(bins[i + 1]!)}` : bins[n] === Infinity ? null : `${c} <= ${lit(bins[n]!)}`;
    out[`bin${i}`] = ctx.count(lower && upper ? `${lower} AND ${upper}` : (lower ?? upper ?? `${c} IS NOT NULL`));
  }
  out.below = ctx.count(`${c} < ${lit(bins[0]!)}`);
  out.above = ctx.count(`${c} > ${lit(bins[n]!)}`);
  return out;
}

// ---- judging -------------------------------------------------------------------------------

interface Holdouts {
  tail: number;
  internal: number;
}

function outcome(ctx: Ctx<K>, kl: number, details: Record<string, unknown>) {
  const threshold = ctx.kwargs.threshold;
  const success = threshold === null || threshold === undefined ? true : kl <= threshold;
  return aggregateResult(ctx, success, { observed_value: Number.isFinite(kl) ? kl : null, details });
}

function judgeCategorical(ctx: Ctx<K>, p: CategoricalPartition, counts: ValueCount[], h: Holdouts) {
  const nonnull = sum(counts.map((c) => c.count));
  const all = alignWithCounts(ctx, p, counts);
  const unexpected = all.filter((r) => r.weight === null).length;
  // Absent values weigh 0 (not 0/0 when the column has no values at all).
  const pk = all.map((r) => (r.count === 0 ? 0 : r.count / nonnull));
  // Values the partition does not list share tail_weight_holdout; the rest shrink to make room.
  const qk = all.map((r) => (unexpected === 0 ? r.weight! : r.weight === null ? h.tail / unexpected : r.weight * (1 - h.tail)));
  const values = all.map((r) => r.value);
  return outcome(ctx, entropy(pk, qk), {
    observed_partition: { values, weights: pk },
    expected_partition: { values, weights: qk },
  });
}

function judgeContinuous(ctx: Ctx<K>, p: { bins: number[]; weights: number[]; tail_weights?: unknown[] }, m: Row, h: Holdouts) {
  const bins = p.bins;
  const nonnull = Number(m.nonnull);
  let observed = bins.slice(1).map((_, i) => Number(m[`bin${i}`]) / nonnull);
  const below = Number(m.below) / nonnull;
  const above = Number(m.above) / nonnull;

  let expected = p.weights.map((w) => w * (1 - h.tail - h.internal));
  if (h.internal > 0) {
    const zeros = expected.filter((w) => w === 0).length;
    if (zeros > 0) expected = expected.map((w) => (w === 0 ? h.internal / zeros : w));
  }

  const lowInf = bins[0] === -Infinity;
  const highInf = bins[bins.length - 1] === Infinity;
  let expectedBins: number[];
  let combExpected: number[];
  let combObserved: number[];
  let expectedTails: number[];
  let observedTails: number[];
  if (lowInf && highInf) {
    expectedBins = bins.slice(1, -1);
    combExpected = expected;
    combObserved = observed;
    expectedTails = [expected[0]!, expected[expected.length - 1]!];
    observedTails = [observed[0]!, observed[observed.length - 1]!];
    expected = expected.slice(1, -1);
    observed = observed.slice(1, -1);
  } else if (lowInf) {
    expectedBins = bins.slice(1);
    combExpected = [...expected, h.tail];
    combObserved = [...observed, above];
    expectedTails = [expected[0]!, h.tail];
    observedTails = [observed[0]!, above];
    expected = expected.slice(1);
    observed = observed.slice(1);
  } else if (highInf) {
    expectedBins = bins.slice(0, -1);
    combExpected = [h.tail, ...expected];
    combObserved = [below, ...observed];
    expectedTails = [h.tail, expected[expected.length - 1]!];
    observedTails = [below, observed[observed.length - 1]!];
    expected = expected.slice(0, -1);
    observed = observed.slice(0, -1);
  } else {
    expectedBins = bins;
    expectedTails = p.tail_weights ? (p.tail_weights as number[]) : [h.tail / 2, h.tail / 2];
    combExpected = [expectedTails[0]!, ...expected, expectedTails[1]!];
    combObserved = [below, ...observed, above];
    observedTails = [below, above];
  }
  return outcome(ctx, entropy(combObserved, combExpected), {
    observed_partition: { bins: expectedBins, weights: observed, tail_weights: observedTails },
    expected_partition: { bins: expectedBins, weights: expected, tail_weights: expectedTails },
  });
}

/** GE's "auto" bins (numpy's histogram_bin_edges 'auto'): Sturges or Freedman–Diaconis. */
function autoBins(nonnull: number, [min, q25, q75, max]: number[]): number[] {
  const sturges = Math.log2(nonnull + 1);
  const iqr = q75! - q25!;
  let n: number;
  if (iqr < 1e-10) n = Math.ceil(sturges);
  else if (nonnull === 0) n = 0;
  else n = Math.max(Math.ceil(sturges), Math.ceil((max! - min!) / ((2 * iqr) / nonnull ** (1 / 3))));
  return linspace(min!, max!, n);
}

// ---- kwargs --------------------------------------------------------------------------------

const holdout = (name: string) => ({
  type: ['number', 'null'],
  minimum: 0,
  maximum: 1,
  description: `${name} (0 to 1, default 0).`,
});

/** Raises where GE raises, in GE's order (pydantic fields, then _validate's checks). */
function check(ctx: Ctx<K>): {
  kind: 'categorical' | 'continuous' | 'auto' | 'observed-values';
  partition: Partition | null;
  holdouts: Holdouts;
} {
  const k = ctx.kwargs;
  const checked = checkKwargs(k);
  if (checked.kind === 'continuous' || checked.kind === 'auto') {
    const type = ctx.typeOf(k.column);
    if (!ctx.dialect.isNumericType(type))
      throw new InvalidKwargsError(`column ${JSON.stringify(k.column)} is ${type}; a continuous partition needs a numeric column`);
  }
  return checked;
}

/** The checks of `check` that need no table: run when the suite is loaded. */
function checkKwargs(k: K) {
  for (const name of ['tail_weight_holdout', 'internal_weight_holdout'] as const) {
    const v = k[name];
    if (typeof v === 'number' && v > 1) throw new InvalidKwargsError(`${name}: ensure this value is less than or equal to 1`);
    if (typeof v === 'number' && v < 0) throw new InvalidKwargsError(`${name}: ensure this value is greater than or equal to 0`);
  }
  const p = readBins(k.partition_object);
  const bucketize = k.bucketize_data ?? true;
  let kind: 'categorical' | 'continuous' | 'auto' | 'observed-values';
  if (p === null) kind = bucketize ? 'auto' : 'observed-values';
  else if (isCategorical(p)) kind = 'categorical';
  else if (isContinuous(p)) kind = 'continuous';
  else throw new ValueError('Invalid partition_object provided');

  if (k.threshold !== null && k.threshold !== undefined && (typeof k.threshold !== 'number' || k.threshold < 0)) {
    throw new ValueError('Threshold must be specified, greater than or equal to zero.');
  }
  const tail = k.tail_weight_holdout === undefined ? 0 : k.tail_weight_holdout;
  const internal = k.internal_weight_holdout === undefined ? 0 : k.internal_weight_holdout;
  if (typeof tail !== 'number') throw new ValueError('tail_weight_holdout must be between zero and one.');
  if (typeof internal !== 'number') throw new ValueError('internal_weight_holdout must be between zero and one.');
  if (tail !== 0 && (p?.tail_weights !== undefined || kind === 'auto')) {
    throw new ValueError('tail_weight_holdout must be 0 when using tail_weights in partition object');
  }
  if ((kind === 'categorical' || kind === 'observed-values') && internal > 0) {
    throw new ValueError('Internal weight holdout cannot be used for discrete data.');
  }
  if (kind === 'continuous') {
    if (!bucketize) {
      throw new ValueError(
        'KL Divergence cannot be computed with a continuous partition object and the bucketize_data parameter set to false.',
      );
    }
    const bins = p!.bins as number[];
    const lowInf = bins[0] === -Infinity;
    const highInf = bins[bins.length - 1] === Infinity;
    if (lowInf && highInf && tail > 0) throw new ValueError('tail_weight_holdout cannot be used for partitions with infinite endpoints.');
    if ((lowInf || highInf) && p!.tail_weights !== undefined) {
      throw new ValueError('There can be no tail weights for partitions with one or both endpoints at infinity');
    }
  }
  return { kind, partition: p, holdouts: { tail, internal } };
}

const def: ExpectationDefinition<K> = {
  type: 'expect_column_kl_divergence_to_be_less_than',
  family: 'column_aggregate',
  description: "The KL divergence of a column's distribution from an expected partition is below a threshold.",
  schema: {
    properties: {
      partition_object: {
        type: ['object', 'null'],
        description:
          'Expected distribution: {values, weights} (categorical) or {bins, weights, tail_weights?} (continuous); null builds one from the data.',
        properties: {
          values: { type: 'array' },
          bins: { type: 'array', items: { type: ['number', 'string'] } },
          weights: { type: 'array', items: { type: 'number' } },
          tail_weights: { type: 'array', items: { type: 'number' } },
        },
      },
      threshold: { type: ['number', 'null'], description: 'Largest KL divergence that succeeds; null always succeeds.' },
      internal_weight_holdout: holdout('Weight shared among the zero-weight bins'),
      tail_weight_holdout: holdout('Weight given to values outside the partition'),
      bucketize_data: { type: 'boolean', description: 'Bin continuous data (default true); false compares value counts.' },
      min_value: { description: 'Accepted for compatibility with GE; not used.' },
      max_value: { description: 'Accepted for compatibility with GE; not used.' },
    },
    // GE (pydantic v1): both may be null, and absent means null.
    required: [],
  },
  sentence: (k) =>
    `KL divergence of ${k.column} from the expected partition${k.threshold === null || k.threshold === undefined ? '' : ` at most ${k.threshold}`}`,
  columns: (k) => [k.column],

  check: (k) => void checkKwargs(k),
  plan(ctx): Record<string, Sql> {
    const { kind, partition } = check(ctx);
    const c = ctx.col(ctx.kwargs.column);
    if (kind === 'continuous') return histogramMetrics(ctx, partition!.bins as number[]);
    if (kind === 'auto')
      return {
        nonnull: ctx.agg({ fn: 'count', arg: c }),
        quantiles: ctx.agg({ fn: 'quantiles_disc', arg: c, quantiles: [0, 0.25, 0.75, 1] }),
      };
    return {};
  },

  async judge(ctx, m, run) {
    const { kind, partition, holdouts } = check(ctx);
    if (kind === 'continuous') return judgeContinuous(ctx, partition as ContinuousPartition, m, holdouts);
    if (kind === 'auto') {
      const nonnull = Number(m.nonnull);
      const q = m.quantiles as unknown[] | null;
      if (!q || q.some((x) => x === null)) throw new ValueError('cannot build a partition: the column has no values');
      const bins = autoBins(nonnull, q.map(Number));
      // The bins depend on the data, so the histogram is a second query.
      const metrics = histogramMetrics(ctx, bins);
      const [row] = await run(
        `SELECT ${Object.entries(metrics)
          .map(([name, sql]) => `${sql} AS ${ctx.dialect.ident(name)}`)
          .join(', ')} FROM ${ctx.table}`,
      );
      const weights = bins.slice(1).map((_, i) => Number(row![`bin${i}`]) / nonnull);
      const tail = (1 - sum(weights)) / 2;
      return judgeContinuous(ctx, { bins, weights, tail_weights: [tail, tail] }, row!, holdouts);
    }
    const counts = await valueCounts(ctx, ctx.kwargs.column, run);
    if (kind === 'observed-values') {
      const nonnull = sum(counts.map((c) => c.count));
      return judgeCategorical(ctx, { values: counts.map((c) => c.value), weights: counts.map((c) => c.count / nonnull) }, counts, holdouts);
    }
    return judgeCategorical(ctx, partition as CategoricalPartition, counts, holdouts);
  },
};
export default def;
