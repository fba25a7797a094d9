import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_pair_cramers_phi_value_to_be_less_than';

// GE's reference cases (pandas only, so the conformance run skips them): one dataset, eight kwargs.
interface Case {
  title: string;
  data: Record<string, unknown[]>;
  kwargs: Record<string, unknown>;
  expected: { success: boolean; observed_value: number };
}
const cases: Case[] = readFileSync(new URL(`../conformance/ge/${T}.jsonl`, import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as Case);

const sqlType = (values: unknown[]) =>
  values.some((v) => typeof v === 'string') ? 'VARCHAR' : values.every((v) => v === null || Number.isInteger(v)) ? 'BIGINT' : 'DOUBLE';
const sqlValue = (v: unknown) => (v === null ? 'NULL' : typeof v === 'string' ? `'${v}'` : String(v));

function tableDdl(name: string, data: Record<string, unknown[]>): string {
  const cols = Object.keys(data);
  const n = data[cols[0]!]!.length;
  const rows = Array.from({ length: n }, (_, i) => `(${cols.map((c) => sqlValue(data[c]![i])).join(', ')})`);
  const types = cols.map((c) => `"${c}" ${sqlType(data[c]!)}`);
  return `CREATE TABLE ${name} (${types.join(', ')}); INSERT INTO ${name} VALUES ${rows.join(', ')}`;
}

const db = testDatabase(
  tableDdl('ge', cases[0]!.data),
  // x decides y on 2×2 (Yates' correction applies), z is independent of x.
  `CREATE TABLE t AS SELECT * FROM (VALUES ('p', 'u', 1, TRUE), ('p', 'u', 2, TRUE), ('p', 'u', 1, FALSE), ('q', 'v', 2, TRUE), ('q', 'v', 1, TRUE), ('q', 'v', 2, FALSE)) v(x, y, z, g)`,
);

// GE's runner: numpy.allclose(observed, expected, rtol=1e-7, atol=5e-2).
const close = (a: number, b: number) => Math.abs(a - b) <= 5e-2 + 1e-7 * Math.abs(b);

describe(T, () => {
  it('has GE’s eight reference cases', () => expect(cases).toHaveLength(8));

  for (const c of cases) {
    it(`GE case: ${c.title}`, async () => {
      const r = await db.check('ge', T, c.kwargs);
      expect(r.exception_info.exception_message).toBeNull();
      expect(r.success).toBe(c.expected.success);
      const observed = r.result.observed_value as number;
      expect(close(observed, c.expected.observed_value), `${observed} vs ${c.expected.observed_value}`).toBe(true);
    });
  }

  it('matches GE’s phi to the last digits where GE gives them', async () => {
    const nBins = await db.check('ge', T, { column_A: 'string_1', column_B: 'string_2', n_bins_B: 2 });
    expect(nBins.result.observed_value).toBeCloseTo(0.8498365855987975, 12);
    const missing = await db.check('ge', T, { column_A: 'float_with_missings_2', column_B: 'string_with_missings', n_bins_A: 3 });
    expect(missing.result.observed_value).toBeCloseTo(0.5773502691896257, 12);
    expect(missing.result.details).toEqual({
      crosstab: {
        row_variable: 'float_with_missings_2',
        column_variable: 'string_with_missings',
        rows: ['[2.0, 2.667)', '[2.667, 3.333)', '[3.333, 4.0)', '(missing)'],
        columns: ['(missing)', 'a', 'b', 'c'],
        counts: [
          [0, 1, 1, 1],
          [0, 1, 1, 1],
          [0, 1, 1, 1],
          [3, 0, 0, 0],
        ],
      },
    });
  });

  it('runs one GROUP BY query beside the fused scan', async () => {
    const r = await db.check('ge', T, { column_A: 'integer_1', column_B: 'float', n_bins_B: 3 });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused', 'follow-up']);
    expect(r.queries[1]!.sql).toMatch(/GROUP BY/);
  });

  it('applies Yates’ correction on a 2×2 table, as scipy’s chi2_contingency', async () => {
    // Observed [[3,0],[0,3]], expected 1.5 each: corrected |o−e| = 1, chi2 = 4 × 1/1.5.
    const r = await db.check('t', T, { column_A: 'x', column_B: 'y' });
    expect(r.result.observed_value).toBeCloseTo(Math.sqrt(8 / 3 / 6), 14);
    expect(r.success).toBe(false);
  });

  it('succeeds at the threshold itself, and on a constant column (phi 0)', async () => {
    // [[2,1],[1,2]]: every |o−e| is 0.5, which Yates' correction takes to 0.
    expect(await db.check('t', T, { column_A: 'x', column_B: 'z', threshold: 0 })).toMatchObject({
      success: true,
      result: { observed_value: 0 },
    });
    expect(await db.check('ge', T, { column_A: 'integer_1', column_B: 'integer_1', threshold: 1 })).toMatchObject({
      success: true,
      result: { observed_value: 1 },
    });
    const equal = await db.check('ge', T, { column_A: 'integer_1', column_B: 'integer_2', threshold: 0 });
    expect(equal).toMatchObject({ success: true, result: { observed_value: 0 } });
    const constant = await db.check('t', T, { column_A: 'x', column_B: 'y', row_condition: "x = 'p'" });
    expect(constant).toMatchObject({ success: true, result: { observed_value: 0 } });
  });

  it('counts only rows matching row_condition', async () => {
    // g = TRUE: x p,p,q,q against z 1,2,2,1: independent.
    const r = await db.check('t', T, { column_A: 'x', column_B: 'z', row_condition: 'g = TRUE' });
    expect(r).toMatchObject({ success: true, result: { observed_value: 0 } });
  });

  it('refuses group bins on a numeric column, as a ValueError', async () => {
    const r = await db.check('ge', T, { column_A: 'integer_1', column_B: 'string_1', bins_A: [['a']] });
    expect(r.exception_info.exception_message).toMatch(/^ValueError: bins_A/);
  });

  it('BOOLEAN_ONLY leaves the result empty', async () => {
    const r = await db.check('ge', T, { column_A: 'integer_1', column_B: 'integer_1', result_format: 'BOOLEAN_ONLY' });
    expect(r).toMatchObject({ success: false, result: {} });
  });
});
