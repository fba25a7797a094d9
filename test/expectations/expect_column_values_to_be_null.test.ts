import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_null';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (NULL, 1), (NULL, NULL), (NULL, NULL), (NULL, 5)) v(all_null, two_null)`);

describe(T, () => {
  it('reports no missing_* keys (GE: nonnull_count=None for the null checks)', async () => {
    const r = await db.check('t', T, { column: 'all_null', result_format: 'BASIC' });
    expect(r.success).toBe(true);
    expect(r.result).toEqual({ element_count: 4, unexpected_count: 0, unexpected_percent: 0, partial_unexpected_list: [] });
  });

  it('counts non-null values against all rows', async () => {
    const r = await db.check('t', T, { column: 'two_null' });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 4,
      unexpected_count: 2,
      unexpected_percent: 50,
      unexpected_list: [1, 5],
      unexpected_index_list: [0, 3],
    });
    expect(r.result).not.toHaveProperty('missing_count');
    expect((await db.check('t', T, { column: 'two_null', mostly: 0.5 })).success).toBe(true);
    expect((await db.check('t', T, { column: 'two_null', mostly: 0.51 })).success).toBe(false);
  });

  it('is vacuously true on an empty selection', async () => {
    const r = await db.check('t', T, { column: 'two_null', row_condition: 'FALSE' });
    expect(r.success).toBe(true);
    expect(r.result.element_count).toBe(0);
  });
});
