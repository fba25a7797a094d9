import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_table_column_count_to_be_between';
const db = testDatabase(`CREATE TABLE t AS SELECT 1 AS a, 'x' AS "we""ird col", NULL AS c`);

describe(T, () => {
  it('judges the column count without scanning the table', async () => {
    const r = await db.check('t', T, { min_value: 2, max_value: 3 });
    expect(r).toMatchObject({ success: true, result: { observed_value: 3 } });
    expect(r.queries).toEqual([]);
    expect((await db.check('t', T, { max_value: 2 })).success).toBe(false);
    expect((await db.check('t', T, { min_value: 3, strict_min: true })).success).toBe(false);
    expect((await db.check('t', T, {})).success).toBe(true);
  });

  it('refuses crossed or non-numeric bounds', async () => {
    expect((await db.check('t', T, { min_value: 2, max_value: 1 })).exception_info.exception_message).toMatch(/greater than max_value/);
    expect((await db.check('t', T, { min_value: 'quack' })).exception_info.exception_message).toMatch(/not a valid number/);
  });

  it('returns no result for BOOLEAN_ONLY', async () => {
    expect((await db.check('t', T, { max_value: 9, result_format: 'BOOLEAN_ONLY' })).result).toEqual({});
  });
});
