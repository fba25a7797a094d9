import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_sum_to_be_between';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (1, 1.25::DECIMAL(6,2)), (2, 2.50), (NULL, NULL)) v(x, d)`,
  `CREATE TABLE e (x INTEGER)`,
);

describe(T, () => {
  it('sums integers and decimals', async () => {
    expect(await db.check('t', T, { column: 'x', min_value: 3, max_value: 3 })).toMatchObject({
      success: true,
      result: { observed_value: 3 },
    });
    expect(await db.check('t', T, { column: 'd', min_value: 3.75, max_value: 3.75 })).toMatchObject({
      success: true,
      result: { observed_value: 3.75 },
    });
    expect((await db.check('t', T, { column: 'x', min_value: 4 })).success).toBe(false);
  });

  it('the sum of no values is null, which fails', async () => {
    expect(await db.check('e', T, { column: 'x', min_value: 0 })).toMatchObject({ success: false, result: { observed_value: null } });
  });
});
