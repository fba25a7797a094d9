import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_mean_to_be_between';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (2, true, 'a', NULL::VARCHAR), (5, false, 'b', NULL), (NULL, NULL, NULL, NULL)) v(x, b, s, empty)`,
);

describe(T, () => {
  it('averages the non-null values', async () => {
    expect(await db.check('t', T, { column: 'x', min_value: 3.5, max_value: 3.5 })).toMatchObject({
      success: true,
      result: { observed_value: 3.5 },
    });
    expect((await db.check('t', T, { column: 'x', min_value: 1, max_value: 2 })).success).toBe(false);
  });

  it('reads booleans as 0 and 1', async () => {
    expect(await db.check('t', T, { column: 'b', min_value: 0, max_value: 1 })).toMatchObject({
      success: true,
      result: { observed_value: 0.5 },
    });
  });

  it('raises on a text column with values, and fails with null on one without', async () => {
    expect((await db.check('t', T, { column: 's', min_value: 0 })).exception_info.exception_message).toMatch(/not numeric/);
    expect(await db.check('t', T, { column: 'empty', min_value: 0 })).toMatchObject({ success: false, result: { observed_value: null } });
  });

  it('accepts numeric text as a bound, as pydantic does', async () => {
    expect((await db.check('t', T, { column: 'x', min_value: '3', max_value: '4e0' })).success).toBe(true);
  });
});
