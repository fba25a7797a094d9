import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_match_like_pattern_list';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('man'), ('bat'), ('bit'), (NULL)) v(x)`);

describe(T, () => {
  it('any (default) and all', async () => {
    expect((await db.check('t', T, { column: 'x', like_pattern_list: ['%a%', 'b%t'] })).success).toBe(true);
    const all = await db.check('t', T, { column: 'x', like_pattern_list: ['%a%', 'b%t'], match_on: 'all' });
    expect(all.result).toMatchObject({ unexpected_list: ['man', 'bit'] });
  });

  it('refuses an empty list', async () => {
    const r = await db.check('t', T, { column: 'x', like_pattern_list: [] });
    expect(r.exception_info.exception_message).toMatch(/At least one like_pattern/);
  });
});
