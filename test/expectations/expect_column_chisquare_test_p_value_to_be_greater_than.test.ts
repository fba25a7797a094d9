import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_chisquare_test_p_value_to_be_greater_than';
const third = 1 / 3;
const db = testDatabase(
  // a ×6, b ×3, c ×1, and two NULLs; g tells the halves apart for row_condition.
  `CREATE TABLE c AS SELECT * FROM (VALUES ('a', 1), ('a', 1), ('a', 1), ('a', 2), ('a', 2), ('a', 2), ('b', 1), ('b', 2), ('b', 2), ('c', 2), (NULL, 1), (NULL, 2)) v(x, g)`,
  `CREATE TABLE n AS SELECT * FROM (VALUES (1), (1), (2), (2)) v(k)`,
);

describe(T, () => {
  it('p-value of the chi-square test against the partition, with normalised partitions in details', async () => {
    const r = await db.check('c', T, {
      column: 'x',
      partition_object: { values: ['a', 'b', 'c'], weights: [third, third, third] },
      p: 0.05,
    });
    expect(r.success).toBe(true);
    // statistic 3.8 with 2 degrees of freedom: P(χ² > 3.8) = e^(−1.9)
    expect(r.result.observed_value).toBeCloseTo(Math.exp(-1.9), 14);
    expect(r.result.details).toEqual({
      observed_partition: { values: ['a', 'b', 'c'], weights: [0.6, 0.3, 0.1] },
      expected_partition: { values: ['a', 'b', 'c'], weights: [third, third, third] },
    });
    expect(r.queries.map((q) => q.purpose)).toEqual(['follow-up']);
  });

  it('an exact fit has p-value 1; the threshold is strict', async () => {
    const fit = { column: 'x', partition_object: { values: ['a', 'b', 'c'], weights: [0.6, 0.3, 0.1] } };
    expect(await db.check('c', T, fit)).toMatchObject({ success: true, result: { observed_value: 1 } });
    expect((await db.check('c', T, { ...fit, p: 1 })).success).toBe(false);
  });

  it('values the partition does not list fail the test, unless tail_weight_holdout covers them', async () => {
    const partition = { values: ['a', 'b'], weights: [0.7, 0.3] };
    const strict = await db.check('c', T, { column: 'x', partition_object: partition });
    expect(strict).toMatchObject({ success: false, result: { observed_value: 0 } });
    const held = await db.check('c', T, { column: 'x', partition_object: partition, tail_weight_holdout: 0.1 });
    const details = held.result.details as Record<string, { values: unknown[]; weights: number[] }>;
    expect(details.expected_partition!.values).toEqual(['a', 'b', 'c']);
    [0.63, 0.27, 0.1].forEach((w, i) => expect(details.expected_partition!.weights[i]).toBeCloseTo(w, 14));
    expect(held.success).toBe(true);
  });

  it('a listed value with zero weight that never occurs gives GE’s NaN p-value: null, and failure', async () => {
    const r = await db.check('c', T, { column: 'x', partition_object: { values: ['a', 'b', 'c', 'd'], weights: [0.6, 0.3, 0.1, 0] } });
    expect(r).toMatchObject({ success: false, result: { observed_value: null } });
  });

  it('counts only rows matching row_condition, never NULLs', async () => {
    const r = await db.check('c', T, {
      column: 'x',
      partition_object: { values: ['a', 'b'], weights: [0.75, 0.25] },
      row_condition: 'g = 1',
    });
    expect(r).toMatchObject({ success: true, result: { observed_value: 1 } });
  });

  it('matches numeric values as Python does (1 and 1.0 are one value)', async () => {
    const r = await db.check('n', T, { column: 'k', partition_object: { values: [1.0, 2], weights: [0.5, 0.5] } });
    expect(r).toMatchObject({ success: true, result: { observed_value: 1, details: { observed_partition: { values: [1, 2] } } } });
  });

  it('raises as GE does on a partition that is not categorical, or whose weights scipy refuses', async () => {
    const continuous = await db.check('c', T, { column: 'x', partition_object: { bins: [0, 1, 2], weights: [0.5, 0.5] } });
    expect(continuous.exception_info.exception_message).toBe('ValueError: Invalid categorical partition object.');
    // Close enough to 1 for GE's partition check, not for scipy's equal-totals check.
    const off = await db.check('c', T, { column: 'x', partition_object: { values: ['a', 'b', 'c'], weights: [0.6, 0.3, 0.1000001] } });
    expect(off.exception_info.exception_message).toMatch(/^ValueError: For each axis slice, the sum of the observed frequencies/);
  });

  it('BOOLEAN_ONLY leaves the result empty', async () => {
    const r = await db.check('c', T, {
      column: 'x',
      partition_object: { values: ['a', 'b', 'c'], weights: [0.6, 0.3, 0.1] },
      result_format: 'BOOLEAN_ONLY',
    });
    expect(r).toMatchObject({ success: true, result: {} });
  });
});
