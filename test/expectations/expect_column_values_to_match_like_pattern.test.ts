import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_match_like_pattern';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES ('aaa', 10), ('Abb', 11), ('bee', 20), (NULL, NULL), ('it''s', 3)) v(a, n)`,
);

describe(T, () => {
  it('is SQL LIKE: whole value, case-sensitive', async () => {
    const r = await db.check('t', T, { column: 'a', like_pattern: 'a%' });
    expect(r.result).toMatchObject({ unexpected_list: ['Abb', 'bee', "it's"], missing_count: 1 });
    expect((await db.check('t', T, { column: 'a', like_pattern: '%b%' })).result).toMatchObject({ unexpected_list: ['aaa', "it's"] });
    expect((await db.check('t', T, { column: 'a', like_pattern: "%'%" })).result).toMatchObject({ unexpected_count: 3 });
  });

  it('reads a non-text column as text', async () => {
    expect((await db.check('t', T, { column: 'n', like_pattern: '1_' })).result).toMatchObject({ unexpected_list: [20, 3] });
  });
});
