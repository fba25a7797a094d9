import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_table_column_count_to_equal';
const db = testDatabase(`CREATE TABLE t AS SELECT 1 AS a, 2 AS "b c"`);

describe(T, () => {
  it('compares the column count, without a scan', async () => {
    const r = await db.check('t', T, { value: 2 });
    expect(r).toMatchObject({ success: true, result: { observed_value: 2 } });
    expect(r.queries).toEqual([]);
    expect(await db.check('t', T, { value: 3 })).toMatchObject({ success: false, result: { observed_value: 2 } });
  });

  it('raises for a value that is not an integer', async () => {
    const r = await db.check('t', T, { value: 'hello' });
    expect(r.exception_info.exception_message).toMatch(/not a valid integer/);
  });
});
