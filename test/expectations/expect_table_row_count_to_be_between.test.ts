import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_table_row_count_to_be_between';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM range(4) r(x)`);

describe(T, () => {
  it('judges the row count with optional and strict bounds', async () => {
    expect(await db.check('t', T, { min_value: 3, max_value: 5 })).toMatchObject({ success: true, result: { observed_value: 4 } });
    expect((await db.check('t', T, { min_value: null, max_value: 4 })).success).toBe(true);
    expect((await db.check('t', T, { max_value: 4, strict_max: true })).success).toBe(false);
    expect((await db.check('t', T, {})).success).toBe(true);
  });

  it('raises for crossed or non-numeric bounds', async () => {
    expect((await db.check('t', T, { min_value: 1, max_value: 0 })).exception_info.raised_exception).toBe(true);
    expect((await db.check('t', T, { max_value: 'quack' })).exception_info.exception_message).toMatch(/max_value is not a valid number/);
  });
});
