import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_multicolumn_sum_to_equal';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (0.3, 0.7, 0), (0.4, 0.8, 0), (1.0, NULL, 0), (NULL, NULL, NULL)) v("a col", "b""col", c)`,
);

describe(T, () => {
  it('each row adds up to sum_total; a sum with a missing value decides nothing', async () => {
    const r = await db.check('t', T, { column_list: ['a col', 'b"col', 'c'], sum_total: 1 });
    expect(r.result).toMatchObject({
      element_count: 4,
      missing_count: 1,
      unexpected_count: 1,
      unexpected_list: [{ 'a col': 0.4, 'b"col': 0.8, c: 0 }],
    });
    expect(r.queries[0]!.purpose).toBe('fused');
    expect((await db.check('t', T, { column_list: ['a col', 'b"col', 'c'], sum_total: 1, mostly: 0.5 })).success).toBe(true);
  });

  it('any_value_is_missing sets aside rows with a null', async () => {
    const r = await db.check('t', T, { column_list: ['a col', 'b"col'], sum_total: 1, ignore_row_if: 'any_value_is_missing' });
    expect(r.result).toMatchObject({ missing_count: 2, unexpected_count: 1 });
  });
});
