import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_value_lengths_to_equal';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('smart', 1), ('sexy', 2), ('silly', 3), (NULL, 4)) v(s, n)`);

describe(T, () => {
  it('compares each length with value', async () => {
    const r = await db.check('t', T, { column: 's', value: 5 });
    expect(r.result).toMatchObject({ unexpected_list: ['sexy'], unexpected_index_list: [1] });
    expect((await db.check('t', T, { column: 's', value: 5, mostly: 0.6 })).success).toBe(true);
    expect((await db.check('t', T, { column: 's', value: 4.5 })).result).toMatchObject({ unexpected_count: 3 });
  });

  it('raises on a non-text column (GE on PostgreSQL)', async () => {
    expect((await db.check('t', T, { column: 'n', value: 1 })).exception_info.exception_message).toMatch(/No function matches/);
  });
});
