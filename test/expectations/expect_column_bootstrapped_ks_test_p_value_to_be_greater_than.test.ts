import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_bootstrapped_ks_test_p_value_to_be_greater_than';
const db = testDatabase(
  // 1000 values spread evenly over (0, 1), 250 per quarter, and a NULL.
  `CREATE TABLE u AS SELECT (CAST(x * 7919 % 1000 AS DOUBLE) + 0.5) / 1000 AS x, 'v' AS s FROM range(0, 1000) r(x) UNION ALL SELECT NULL, 'v'`,
  `CREATE TABLE e AS SELECT CAST(NULL AS DOUBLE) AS x`,
);

const quarters = { bins: [0, 0.25, 0.5, 0.75, 1], weights: [0.25, 0.25, 0.25, 0.25] };

describe(T, () => {
  it('passes data drawn from the partition; the result is the same from run to run', async () => {
    const r = await db.check('u', T, { column: 'x', partition_object: quarters, p: 0.05 });
    expect(r.success).toBe(true);
    const observed = r.result.observed_value as number;
    // (1 + rounds with p-value ≥ 0.05) / 1001: about 95% of rounds pass.
    expect(observed).toBeGreaterThan(0.9);
    expect(Math.abs(Math.round(observed * 1001) - observed * 1001)).toBeLessThan(1e-9);
    expect((await db.check('u', T, { column: 'x', partition_object: quarters, p: 0.05 })).result.observed_value).toBe(observed);
    expect(r.queries.map((q) => q.purpose)).toEqual(['follow-up']);
    expect(r.result.details).toEqual({
      bootstrap_samples: 1000,
      bootstrap_sample_size: 8,
      observed_partition: { bins: quarters.bins, weights: [0.25, 0.25, 0.25, 0.25] },
      expected_partition: quarters,
      observed_cdf: { x: quarters.bins, cdf_values: [0, 0.25, 0.5, 0.75, 1] },
      expected_cdf: { x: quarters.bins, cdf_values: [0, 0.25, 0.5, 0.75, 1] },
    });
  });

  it('fails data far from the partition', async () => {
    const r = await db.check('u', T, {
      column: 'x',
      partition_object: { bins: [0, 0.25, 0.5, 0.75, 1], weights: [0.97, 0.01, 0.01, 0.01] },
      bootstrap_sample_size: 40,
    });
    expect(r).toMatchObject({ success: false, result: { observed_value: 1 / 1001 } });
  });

  it('reports the observed partition beyond the bins, from the data’s min and max', async () => {
    const r = await db.check('u', T, {
      column: 'x',
      partition_object: { bins: [0.1, 0.5, 0.9], weights: [0.5, 0.5] },
      bootstrap_samples: 50,
      bootstrap_sample_size: 30,
    });
    const d = r.result.details as Record<string, any>;
    expect(d.bootstrap_samples).toBe(50);
    expect(d.bootstrap_sample_size).toBe(30);
    expect(d.observed_partition).toEqual({ bins: [0.0005, 0.1, 0.5, 0.9, 0.9995], weights: [0.1, 0.4, 0.4, 0.1] });
    expect(d.observed_cdf.x).toEqual([0.0005, 0.1, 0.5, 0.9, 0.9995]);
    expect(d.observed_cdf.cdf_values).toEqual([0, 0.1, 0.1 + 0.4, 0.1 + 0.4 + 0.4, 0.1 + 0.4 + 0.4 + 0.1]);
    expect(Number.isInteger(Math.round((r.result.observed_value as number) * 51))).toBe(true);
  });

  it('counts only rows matching row_condition', async () => {
    const low = await db.check('u', T, { column: 'x', partition_object: quarters, row_condition: 'x < 0.5' });
    expect(low.success).toBe(false);
    expect((low.result.details as Record<string, any>).observed_partition.weights).toEqual([0.5, 0.5, 0, 0]);
    const lowHalves = { bins: [0, 0.25, 0.5], weights: [0.5, 0.5] };
    expect((await db.check('u', T, { column: 'x', partition_object: lowHalves, row_condition: 'x < 0.5' })).success).toBe(true);
  });

  it('raises where GE raises', async () => {
    const message = async (table: string, kwargs: Record<string, unknown>) =>
      (await db.check(table, T, { column: 'x', ...kwargs })).exception_info.exception_message;
    expect(await message('u', { partition_object: { bins: ['-Infinity', 0, 1], weights: [0.5, 0.5] } })).toBe(
      'ValueError: Partition endpoints must be finite.',
    );
    expect(await message('u', { partition_object: { bins: [1, 2, 3], weights: [0.25, 0.25], tail_weights: [0.25, 0.25] } })).toBe(
      'ValueError: Partition cannot have tail weights -- endpoints must be finite.',
    );
    expect(await message('u', { partition_object: { values: ['a'], weights: [1] } })).toBe(
      'ValueError: Invalid continuous partition object.',
    );
    expect(await message('u', { partition_object: { bins: [0, 1, 0.5], weights: [0.5, 0.5] } })).toBe(
      'ValueError: Invalid continuous partition object.',
    );
    expect(await message('e', { partition_object: quarters })).toMatch(/^ValueError: a cannot be empty/);
    expect(await message('u', { column: 's', partition_object: quarters })).toMatch(/is VARCHAR, not numeric/);
  });
});
