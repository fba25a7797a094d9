import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_distinct_values_to_contain_set';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('hello'), ('mello'), ('jello'), ('hello'), (NULL)) v(s)`);

describe(T, () => {
  it('succeeds when every value of the set occurs in the column', async () => {
    expect(await db.check('t', T, { column: 's', value_set: ['hello', 'mello'] })).toMatchObject({
      success: true,
      result: { observed_value: ['hello', 'jello', 'mello'] },
    });
    expect((await db.check('t', T, { column: 's', value_set: ['hello', 'yellow'] })).success).toBe(false);
    expect((await db.check('t', T, { column: 's', value_set: [] })).success).toBe(true);
  });

  it('needs a value_set', async () => {
    expect((await db.check('t', T, { column: 's', value_set: null })).exception_info.raised_exception).toBe(true);
  });

  it('sees only the rows of row_condition', async () => {
    expect((await db.check('t', T, { column: 's', value_set: ['mello'], row_condition: "s <> 'mello'" })).success).toBe(false);
  });
});
