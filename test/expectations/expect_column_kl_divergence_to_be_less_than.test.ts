import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_kl_divergence_to_be_less_than';
const db = testDatabase(
  `CREATE TABLE c AS SELECT * FROM (VALUES ('a'), ('a'), ('b'), ('c'), (NULL)) v(a)`,
  `CREATE TABLE n AS SELECT * FROM (VALUES (-0.5), (0.5), (0.5), (1.5), (1.5), (1.5), (1.5), (2.5), (NULL)) v(z)`,
  `CREATE TABLE g AS SELECT (x * 7919 % 1000) / 100.0 AS x FROM range(0, 500) r(x)`,
);

const kl = (p: number[], q: number[]) => p.reduce((s, x, i) => (x > 0 ? s + x * Math.log(x / q[i]!) : s), 0);

describe(T, () => {
  it('categorical: values outside the partition share tail_weight_holdout', async () => {
    const r = await db.check('c', T, {
      column: 'a',
      partition_object: { values: ['a', 'b'], weights: [0.6, 0.4] },
      threshold: 0.1,
      tail_weight_holdout: 0.1,
    });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toBeCloseTo(kl([0.5, 0.25, 0.25], [0.54, 0.36, 0.1]), 12);
    const details = r.result.details as Record<string, { values: unknown[]; weights: number[] }>;
    expect(details.observed_partition).toEqual({ values: ['a', 'b', 'c'], weights: [0.5, 0.25, 0.25] });
    expect(details.expected_partition!.values).toEqual(['a', 'b', 'c']);
    [0.54, 0.36, 0.1].forEach((w, i) => expect(details.expected_partition!.weights[i]).toBeCloseTo(w, 15));
  });

  it('an infinite divergence is reported as null and fails', async () => {
    const r = await db.check('c', T, { column: 'a', partition_object: { values: ['a', 'b'], weights: [0.6, 0.4] }, threshold: 0.1 });
    expect(r).toMatchObject({ success: false, result: { observed_value: null } });
  });

  it('continuous: counts bins in the fused scan, with tails beside the partition', async () => {
    const r = await db.check('n', T, {
      column: 'z',
      partition_object: { bins: [0, 1, 2, 3], weights: [0.2, 0.4, 0.2], tail_weights: [0.1, 0.1] },
      threshold: 0.5,
    });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused']);
    expect(r.success).toBe(true);
    const details = r.result.details as Record<string, Record<string, number[]>>;
    expect(details.observed_partition).toEqual({ bins: [0, 1, 2, 3], weights: [0.25, 0.5, 0.125], tail_weights: [0.125, 0] });
    expect(r.result.observed_value).toBeCloseTo(kl([0.125, 0.25, 0.5, 0.125, 0], [0.1, 0.2, 0.4, 0.2, 0.1]), 12);
  });

  it('continuous with infinite endpoints: the end bins are the tails', async () => {
    const r = await db.check('n', T, {
      column: 'z',
      partition_object: { bins: ['-Infinity', 0, 1, 2, 3, 'Infinity'], weights: [0.1, 0.2, 0.4, 0.2, 0.1] },
      threshold: 0.5,
    });
    const details = r.result.details as Record<string, Record<string, number[]>>;
    expect(details.expected_partition).toEqual({ bins: [0, 1, 2, 3], weights: [0.2, 0.4, 0.2], tail_weights: [0.1, 0.1] });
    expect(details.observed_partition!.tail_weights).toEqual([0.125, 0]);
  });

  it('internal_weight_holdout fills zero-weight bins', async () => {
    const r = await db.check('n', T, {
      column: 'z',
      partition_object: { bins: [-1, 0, 1, 2, 3], weights: [0, 0.5, 0.5, 0] },
      threshold: 10,
      internal_weight_holdout: 0.2,
    });
    const details = r.result.details as Record<string, Record<string, number[]>>;
    expect(details.expected_partition!.weights).toEqual([0.1, 0.4, 0.4, 0.1]);
    expect(r.success).toBe(true);
  });

  it('without a partition, builds one from the data: the divergence is zero', async () => {
    const auto = await db.check('g', T, { column: 'x', partition_object: null, threshold: 1e-9 });
    expect(auto.success).toBe(true);
    expect(auto.result.observed_value).toBeCloseTo(0, 12);
    const counts = await db.check('c', T, { column: 'a', partition_object: null, threshold: 0, bucketize_data: false });
    expect(counts).toMatchObject({ success: true, result: { observed_value: 0 } });
  });

  it('raises where GE raises', async () => {
    const msg = async (kwargs: Record<string, unknown>) =>
      (await db.check('n', T, { column: 'z', threshold: 0.5, ...kwargs })).exception_info.exception_message;
    expect(await msg({ partition_object: {} })).toMatch(/ValueError: Invalid partition_object/);
    expect(await msg({ partition_object: { values: ['a'], weights: [1] }, internal_weight_holdout: 0.1 })).toMatch(/discrete data/);
    expect(await msg({ partition_object: { bins: [0, 1], weights: [0.9], tail_weights: [0.05, 0.05] }, tail_weight_holdout: 0.1 })).toMatch(
      /must be 0 when using tail_weights/,
    );
    expect(await msg({ partition_object: { bins: [-Infinity, 0, Infinity], weights: [0.5, 0.5] }, tail_weight_holdout: 0.1 })).toMatch(
      /infinite endpoints/,
    );
    expect(await msg({ partition_object: { bins: [0, 1], weights: [1] }, threshold: -1 })).toMatch(/Threshold must be/);
  });
});
