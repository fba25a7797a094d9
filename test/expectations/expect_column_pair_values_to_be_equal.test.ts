import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_pair_values_to_be_equal';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (1, 1), (2, 3), (4, NULL), (NULL, NULL)) v("a col", "b""col")`);

describe(T, () => {
  it('a value beside a missing one is not equal; two missing are set aside by default', async () => {
    const r = await db.check('t', T, { column_A: 'a col', column_B: 'b"col' });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 4,
      missing_count: 1,
      unexpected_count: 2,
      unexpected_list: [
        [2, 3],
        [4, null],
      ],
    });
    expect(r.result.partial_unexpected_counts).toEqual([
      { value: [2, 3], count: 1 },
      { value: [4, null], count: 1 },
    ]);
  });

  it('neither considers every row; a column equals itself', async () => {
    expect((await db.check('t', T, { column_A: 'a col', column_B: 'b"col', ignore_row_if: 'neither' })).result).toMatchObject({
      missing_count: 0,
      unexpected_count: 3,
    });
    expect((await db.check('t', T, { column_A: 'a col', column_B: 'a col' })).success).toBe(true);
  });
});
