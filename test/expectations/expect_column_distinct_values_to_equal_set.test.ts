import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_distinct_values_to_equal_set';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (1.0::DOUBLE), (1), (2.5), (NULL)) v(x)`);

describe(T, () => {
  it('succeeds only for exactly the same set (1 and 1.0 are one value)', async () => {
    expect(await db.check('t', T, { column: 'x', value_set: [1, 2.5] })).toMatchObject({
      success: true,
      result: { observed_value: [1, 2.5] },
    });
    expect((await db.check('t', T, { column: 'x', value_set: [1] })).success).toBe(false);
    expect((await db.check('t', T, { column: 'x', value_set: [1, 2.5, 3] })).success).toBe(false);
  });

  it('BOOLEAN_ONLY has an empty result', async () => {
    expect(await db.check('t', T, { column: 'x', value_set: [1, 2.5], result_format: 'BOOLEAN_ONLY' })).toMatchObject({
      success: true,
      result: {},
    });
  });
});
