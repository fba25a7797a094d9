import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_proportion_of_unique_values_to_be_between';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (2, NULL::INTEGER), (2, NULL), (5, NULL), (NULL, NULL)) v(x, none)`);

describe(T, () => {
  it('is distinct values over non-null values', async () => {
    const r = await db.check('t', T, { column: 'x', min_value: 0.6, max_value: 0.7 });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toBeCloseTo(2 / 3, 12);
  });

  it('is 0, not null, for a column without values (GE)', async () => {
    expect(await db.check('t', T, { column: 'none', max_value: 0 })).toMatchObject({ success: true, result: { observed_value: 0 } });
  });

  it('shares its distinct count with expect_column_unique_value_count_to_be_between in the one scan', async () => {
    const { results, queries } = await db.checkSuite('t', [
      { type: T, kwargs: { column: 'x', min_value: 0 } },
      { type: 'expect_column_unique_value_count_to_be_between', kwargs: { column: 'x', min_value: 2 } },
    ]);
    expect(results.map((r) => r.success)).toEqual([true, true]);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.sql.match(/count\(DISTINCT/g)).toHaveLength(1);
  });
});
