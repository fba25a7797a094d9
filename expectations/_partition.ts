// GE's partition objects (execution_engine/util.py), shared by the distribution expectations
// (KL divergence, chi-square, bootstrapped KS): a categorical partition is {values, weights}, a
// continuous one {bins, weights[, tail_weights]}. Here: GE's validity checks, the reading of
// "Infinity" in bins, and how a categorical partition lines up with a column's value counts.
import { valueKey, type ValueCount } from '../src/engine/aggregate.js';
import type { Ctx } from '../src/engine/types.js';

export interface Partition {
  values?: unknown[];
  bins?: unknown[];
  weights?: unknown[];
  tail_weights?: unknown[];
}

export type CategoricalPartition = Partition & { values: unknown[]; weights: number[] };
export type ContinuousPartition = Partition & { bins: number[]; weights: number[] };

const numbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
export const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
/** np.allclose(x, 1) */
const closeToOne = (x: number) => Math.abs(x - 1) <= 1e-8 + 1e-5;

/** GE's is_valid_categorical_partition_object: as many weights as values, summing to 1. */
export function isCategorical(p: Partition | null | undefined): p is CategoricalPartition {
  return !!p && Array.isArray(p.values) && numbers(p.weights) && p.values.length === p.weights.length && closeToOne(sum(p.weights));
}

/**
 * GE's is_valid_continuous_partition_object: increasing bins, one more than the weights; two
 * tail_weights if any; weights and tail_weights summing to 1. Read the bins with readBins first.
 */
export function isContinuous(p: Partition | null | undefined): p is ContinuousPartition {
  const bins = p?.bins;
  if (!p || !numbers(bins) || !numbers(p.weights)) return false;
  let comb = p.weights;
  if (p.tail_weights !== undefined) {
    if (!numbers(p.tail_weights) || p.tail_weights.length !== 2) return false;
    comb = [...p.tail_weights, ...p.weights];
  }
  return bins.length === p.weights.length + 1 && bins.every((b, i) => i === 0 || b > bins[i - 1]!) && closeToOne(sum(comb));
}

/** JSON suites cannot write ±Infinity: "Infinity", "-inf" and the like in bins are read as numbers. */
export function readBins(p: Partition | null | undefined): Partition | null {
  if (!p || !Array.isArray(p.bins)) return p ?? null;
  const num = (b: unknown) =>
    typeof b === 'string' && /^[-+]?inf(inity)?$/i.test(b.trim()) ? (b.trim().startsWith('-') ? -Infinity : Infinity) : b;
  return { ...p, bins: p.bins.map(num) };
}

/** A value of a categorical partition or of the column: its partition weight (null: not listed) and count (0: absent). */
export interface AlignedValue {
  value: unknown;
  weight: number | null;
  count: number;
}

/**
 * The partition's values, then the column's values it does not list, as GE lines them up with
 * pandas.concat([expected, observed], axis=1). Values compare as Python's set() would
 * (valueKey: dates of a temporal column as instants).
 */
export function alignWithCounts(ctx: Ctx<{ column: string }>, p: CategoricalPartition, counts: ValueCount[]): AlignedValue[] {
  const temporal = ctx.dialect.isTemporalType(ctx.typeOf(ctx.kwargs.column));
  const rows = new Map<string, AlignedValue>();
  p.values.forEach((v, i) => rows.set(valueKey(v, temporal), { value: v, weight: p.weights[i]!, count: 0 }));
  for (const c of counts) {
    const key = valueKey(c.value, temporal);
    const row = rows.get(key) ?? { value: c.value, weight: null, count: 0 };
    row.count = c.count;
    rows.set(key, row);
  }
  return [...rows.values()];
}
