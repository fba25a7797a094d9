import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_not_match_regex';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('aaa'), ('abb'), ('acc'), ('bdd'), (NULL)) v(s)`);

describe(T, () => {
  it('counts values containing a match as unexpected', async () => {
    const r = await db.check('t', T, { column: 's', regex: '^a' });
    expect(r.result).toMatchObject({ unexpected_count: 3, unexpected_list: ['aaa', 'abb', 'acc'], missing_count: 1 });
    expect((await db.check('t', T, { column: 's', regex: '^a', mostly: 0.25 })).success).toBe(true);
    expect((await db.check('t', T, { column: 's', regex: '^c' })).success).toBe(true);
  });

  it('an empty regex matches every value', async () => {
    expect((await db.check('t', T, { column: 's', regex: '' })).result).toMatchObject({ unexpected_count: 4 });
  });
});
