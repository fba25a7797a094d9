import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_not_match_like_pattern';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('aaa'), ('abb'), ('bee'), (NULL)) v(a)`);

describe(T, () => {
  it('counts values matching the pattern', async () => {
    const r = await db.check('t', T, { column: 'a', like_pattern: '%b%' });
    expect(r.result).toMatchObject({ unexpected_list: ['abb', 'bee'], unexpected_index_list: [1, 2] });
    expect((await db.check('t', T, { column: 'a', like_pattern: '%b%', mostly: 0.3 })).success).toBe(true);
    expect((await db.check('t', T, { column: 'a', like_pattern: '[a]%' })).success).toBe(true);
  });
});
