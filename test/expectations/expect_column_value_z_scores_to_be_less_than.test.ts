import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_value_z_scores_to_be_less_than';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES
      (1, -100000000000, 1, -1, 7, 'a'), (1, -1, 0, 0, 7, 'a'), (1, 0, 0, 1, 7, 'b'), (3, 1, 0, NULL, 7, 'b'), (3, 1, 0, NULL, 7, 'b')) v(dist1, dist2, mostly_zero, missing, constant, g)`,
);

describe(T, () => {
  it('passes in one scan when the z-scores of min and max are under the threshold', async () => {
    const r = await db.check('t', T, { column: 'dist1', threshold: 1.96, double_sided: true });
    expect(r.success).toBe(true);
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused']);
  });

  it('counts values whose |z| reaches the threshold (exclusive bound)', async () => {
    // dist1: mean 1.8, sd 1.0954; |z| = 0.73 and 1.095
    const r = await db.check('t', T, { column: 'dist1', threshold: 0.1, double_sided: true });
    expect(r.result).toMatchObject({ unexpected_count: 5 });
    const out = await db.check('t', T, { column: 'dist2', threshold: 1, double_sided: true });
    expect(out.result).toMatchObject({ unexpected_count: 1, unexpected_list: [-100000000000] });
    // missing: -1, 0, 1 → z = -1, 0, 1; |z| < 1 fails for ±1
    const miss = await db.check('t', T, { column: 'missing', threshold: 1, double_sided: true });
    expect(miss.result).toMatchObject({ element_count: 5, missing_count: 2, unexpected_count: 2, unexpected_list: [-1, 1] });
  });

  it('single-sided compares z itself', async () => {
    // mostly_zero: 1, 0, 0, 0, 0 → z(1) = 1.789, z(0) = -0.447
    const r = await db.check('t', T, { column: 'mostly_zero', threshold: 1, double_sided: false });
    expect(r.result).toMatchObject({ unexpected_count: 1, unexpected_list: [1] });
    const neg = await db.check('t', T, { column: 'mostly_zero', threshold: -1, double_sided: false });
    expect(neg.result.unexpected_count).toBe(5);
    expect((await db.check('t', T, { column: 'mostly_zero', threshold: -1, double_sided: true })).result.unexpected_count).toBe(1);
  });

  it('a constant column has no z-scores: nothing is unexpected', async () => {
    const r = await db.check('t', T, { column: 'constant', threshold: 0.5, double_sided: true });
    expect(r.success).toBe(true);
  });

  it('uses the mean and stdev of the rows matching row_condition', async () => {
    // g = 'b': dist1 1, 3, 3 → mean 2.33, sd 1.155 → |z| 1.155, 0.577
    const r = await db.check('t', T, { column: 'dist1', threshold: 1, double_sided: true, row_condition: `g = 'b'` });
    expect(r.result).toMatchObject({ element_count: 3, unexpected_count: 1, unexpected_list: [1] });
  });

  it('raises on a text column', async () => {
    const r = await db.check('t', T, { column: 'g', threshold: 1, double_sided: true });
    expect(r.exception_info.raised_exception).toBe(true);
  });
});
