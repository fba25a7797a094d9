// Reference statistics and p-values from scipy.stats.kstest on the same rows.
import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than';
const db = testDatabase(
  // 400 rows, 100 distinct values in [-5, 5), 4 rows each; and NULLs, which are ignored.
  `CREATE TABLE g AS SELECT CAST(x * 7919 % 100 AS DOUBLE) / 10 - 5 AS x FROM range(0, 400) r(x) UNION ALL SELECT NULL FROM range(0, 3)`,
  // 500 values spread over [-5, 11)
  `CREATE TABLE h AS SELECT CAST(x * 7919 % 1000 AS DOUBLE) / 1000 * 16 - 5 AS x, 'v' || x AS s FROM range(0, 500) r(x)`,
);

const details = (r: { result: Record<string, unknown> }) =>
  (r.result.details as { observed_ks_result: { statistic: number; pvalue: number } }).observed_ks_result;

describe(T, () => {
  it("scipy's exact two-sided test over distinct values with counts, in one GROUP BY query", async () => {
    const r = await db.check('g', T, { column: 'x', distribution: 'norm', params: [0, 3], p_value: 0.05 });
    expect(r.success).toBe(true);
    expect(details(r).statistic).toBeCloseTo(0.05836013645574545, 14);
    expect(details(r).pvalue).toBeCloseTo(0.12602077491240848, 10);
    expect(r.result.observed_value).toBe(details(r).pvalue);
    expect(r.queries.map((q) => q.purpose)).toEqual(['follow-up']);

    const shifted = await db.check('g', T, { column: 'x', distribution: 'norm', params: { mean: 0.5, std_dev: 3 } });
    expect(shifted.success).toBe(false);
    expect(shifted.result.observed_value as number).toBeCloseTo(0.00015190002130270911, 12);
  });

  it('the threshold is inclusive', async () => {
    const r = await db.check('g', T, { column: 'x', distribution: 'norm', params: [0, 3] });
    const p = r.result.observed_value as number;
    expect((await db.check('g', T, { column: 'x', distribution: 'norm', params: [0, 3], p_value: p })).success).toBe(true);
  });

  it("reads GE's named parameters: uniform's max is scipy's scale, as in GE", async () => {
    const wide = await db.check('h', T, { column: 'x', distribution: 'uniform', params: { min: -5, max: 16 } });
    expect(wide).toMatchObject({ success: true, result: { observed_value: 1 } });
    const narrow = await db.check('h', T, { column: 'x', distribution: 'uniform', params: { min: -5, max: 11 } });
    expect(narrow.success).toBe(false);
    expect(details(narrow).statistic).toBeCloseTo(0.31327272727272726, 14);
    expect(narrow.result.observed_value as number).toBeCloseTo(4.2095102726916843e-44, 52);
    const list = await db.check('h', T, { column: 'x', distribution: 'uniform', params: [-5, 11] });
    expect(list.result).toEqual(narrow.result);
  });

  it('named and positional parameters agree for each distribution', async () => {
    const pairs: [string, number[], Record<string, number>][] = [
      ['beta', [2, 3, -5, 16], { alpha: 2, beta: 3, loc: -5, scale: 16 }],
      ['gamma', [2, -6, 2], { alpha: 2, loc: -6, scale: 2 }],
      ['chi2', [3, -6, 2], { df: 3, loc: -6, scale: 2 }],
      ['expon', [-5, 4], { loc: -5, scale: 4 }],
    ];
    for (const [distribution, list, named] of pairs) {
      const a = await db.check('h', T, { column: 'x', distribution, params: list });
      const b = await db.check('h', T, { column: 'x', distribution, params: named });
      expect(a.exception_info.raised_exception).toBe(false);
      expect(a.result).toEqual(b.result);
    }
  });

  it('raises where GE raises', async () => {
    const message = async (kwargs: Record<string, unknown>) =>
      (await db.check('g', T, { column: 'x', ...kwargs })).exception_info.exception_message;
    expect(await message({ distribution: 'norm', params: [0, 1], p_value: 1 })).toBe(
      'ValueError: p_value must be between 0 and 1 exclusive',
    );
    expect(await message({ distribution: 'norm' })).toMatch(/^ValueError: params must be a dict or list/);
    expect(await message({ distribution: 'beta', params: [0, 1] })).toMatch(/^ValueError: Invalid parameters: beta distributions require/);
    expect(await message({ distribution: 'gamma', params: [] })).toMatch(/^ValueError: Missing required parameters/);
    expect(await message({ distribution: 'expon', params: [0, 1, 2] })).toMatch(/^ValueError: Too many parameters provided/);
    expect(await message({ distribution: 'norm', params: [0, -1] })).toBe('ValueError: std_dev and scale must be positive.');
    expect(await message({ distribution: 'norm', params: { mean: 0 } })).toBe("KeyError: 'std_dev'");
    expect(await message({ distribution: 'poisson', params: [1] })).toMatch(/Unsupported {2}distribution provided: poisson/);
    const text = await db.check('h', T, { column: 's', distribution: 'norm', params: [0, 1] });
    expect(text.exception_info.exception_message).toMatch(/is VARCHAR, not numeric/);
  });
});
