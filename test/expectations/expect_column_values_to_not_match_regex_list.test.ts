import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_not_match_regex_list';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('man'), ('hat'), ('bit'), (NULL)) v(x)`);

describe(T, () => {
  it('a value matching any regex is unexpected', async () => {
    const r = await db.check('t', T, { column: 'x', regex_list: ['opatomus', 'h.*t', '^b'] });
    expect(r.result).toMatchObject({ unexpected_count: 2, unexpected_list: ['hat', 'bit'], unexpected_index_list: [1, 2] });
    expect((await db.check('t', T, { column: 'x', regex_list: ['\\s+', 'z'] })).success).toBe(true);
  });
});
