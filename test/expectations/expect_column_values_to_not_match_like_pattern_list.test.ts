import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_not_match_like_pattern_list';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('111'), ('333'), ('123'), (NULL)) v(w)`);

describe(T, () => {
  it('a value matching any pattern is unexpected', async () => {
    const r = await db.check('t', T, { column: 'w', like_pattern_list: ['%1%', '%2%'] });
    expect(r.result).toMatchObject({ unexpected_list: ['111', '123'], missing_count: 1 });
    expect((await db.check('t', T, { column: 'w', like_pattern_list: ['[^ ]', '^a-z'] })).success).toBe(true);
  });
});
