import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_unique_value_count_to_be_between';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('a'), ('a'), ('b'), (NULL)) v(s)`);

describe(T, () => {
  it('counts distinct non-null values', async () => {
    expect(await db.check('t', T, { column: 's', min_value: 2, max_value: 2 })).toMatchObject({
      success: true,
      result: { observed_value: 2 },
    });
    expect((await db.check('t', T, { column: 's', min_value: 3 })).success).toBe(false);
    expect(await db.check('t', T, { column: 's', max_value: 0, row_condition: "s = 'zzz'" })).toMatchObject({
      success: true,
      result: { observed_value: 0 },
    });
  });
});
