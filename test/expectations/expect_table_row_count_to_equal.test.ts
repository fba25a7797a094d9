import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_table_row_count_to_equal';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM range(5) r("my col")`);

describe(T, () => {
  it('compares the row count from the fused scan', async () => {
    const r = await db.check('t', T, { value: 5 });
    expect(r).toMatchObject({ success: true, result: { observed_value: 5 } });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused']);
    expect(await db.check('t', T, { value: 4 })).toMatchObject({ success: false, result: { observed_value: 5 } });
  });

  it('counts only rows matching row_condition', async () => {
    expect(await db.check('t', T, { value: 2, row_condition: '"my col" >= 3' })).toMatchObject({
      success: true,
      result: { observed_value: 2 },
    });
  });

  it('raises for a value that is not an integer', async () => {
    expect((await db.check('t', T, { value: 'hello' })).exception_info.exception_message).toMatch(/not a valid integer/);
  });
});
