import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_quantile_values_to_be_between';
const db = testDatabase(`CREATE TABLE t AS SELECT x, x % 2 = 0 AS even FROM range(1, 11) r(x) UNION ALL SELECT NULL, NULL`);

describe(T, () => {
  it('takes discrete quantiles (percentile_disc) of the non-null values', async () => {
    const r = await db.check('t', T, {
      column: 'x',
      quantile_ranges: {
        quantiles: [0, 0.25, 0.5, 0.75, 1],
        value_ranges: [
          [null, 1],
          [3, 3],
          [5, 5],
          [8, 8],
          [10, null],
        ],
      },
    });
    expect(r).toMatchObject({
      success: true,
      result: {
        observed_value: { quantiles: [0, 0.25, 0.5, 0.75, 1], values: [1, 3, 5, 8, 10] },
        details: { success_details: [true, true, true, true, true] },
      },
    });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused']);
  });

  it('reports each range, and accepts a value within 1e-4 (relative) of a bound', async () => {
    const r = await db.check('t', T, {
      column: 'x',
      quantile_ranges: {
        quantiles: [0.5, 0.9],
        value_ranges: [
          [5.0004, 6],
          [0, 8],
        ],
      },
    });
    expect(r).toMatchObject({ success: false, result: { details: { success_details: [true, false] } } });
  });

  it('applies row_condition', async () => {
    const r = await db.check('t', T, { column: 'x', quantile_ranges: { quantiles: [1], value_ranges: [[10, 10]] }, row_condition: 'even' });
    expect(r.success).toBe(true);
    expect(
      (await db.check('t', T, { column: 'x', quantile_ranges: { quantiles: [0], value_ranges: [[2, 2]] }, row_condition: 'even' })).success,
    ).toBe(true);
  });

  it('refuses unordered ranges and mismatched lengths', async () => {
    const bad = await db.check('t', T, { column: 'x', quantile_ranges: { quantiles: [0.5], value_ranges: [[2, 1]] } });
    expect(bad.exception_info.exception_message).toMatch(/ordered pairs/);
    const len = await db.check('t', T, { column: 'x', quantile_ranges: { quantiles: [0.5, 0.6], value_ranges: [[1, 2]] } });
    expect(len.exception_info.exception_message).toMatch(/same number of elements/);
  });
});
