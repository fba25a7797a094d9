import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_value_lengths_to_be_between';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES ('cool', 1), ('calm', 2), ('collected', 3), ('héé', 4), (NULL, 5)) v(s, n)`,
);

describe(T, () => {
  it('bounds are inclusive; lengths count characters', async () => {
    expect((await db.check('t', T, { column: 's', min_value: 3, max_value: 9 })).success).toBe(true);
    const r = await db.check('t', T, { column: 's', min_value: 4, max_value: 8 });
    expect(r.result).toMatchObject({ unexpected_list: ['collected', 'héé'], unexpected_index_list: [2, 3], missing_count: 1 });
    expect((await db.check('t', T, { column: 's', max_value: 3 })).result).toMatchObject({ unexpected_count: 3 });
  });

  it('honours strict_min and strict_max', async () => {
    const r = await db.check('t', T, { column: 's', min_value: 3, max_value: 9, strict_min: true, strict_max: true });
    expect(r.result).toMatchObject({ unexpected_list: ['collected', 'héé'] });
  });

  it('min_value above max_value fails every value (no error, as GE)', async () => {
    expect((await db.check('t', T, { column: 's', min_value: 1, max_value: 0 })).result).toMatchObject({ unexpected_count: 4 });
  });

  it('raises as GE on bad bounds and on a non-text column', async () => {
    expect((await db.check('t', T, { column: 's', min_value: null, max_value: null })).exception_info.exception_message).toMatch(
      /cannot both be None/,
    );
    expect((await db.check('t', T, { column: 's', min_value: 'quack', max_value: 3 })).exception_info.exception_message).toMatch(
      /must be integers/,
    );
    expect((await db.check('t', T, { column: 's', min_value: 2.5 })).exception_info.exception_message).toMatch(/must be integers/);
    expect((await db.check('t', T, { column: 's', min_value: 4.0 })).exception_info.raised_exception).toBe(false);
    const r = await db.check('t', T, { column: 'n', min_value: 0, max_value: 1 });
    expect(r.exception_info.exception_message).toMatch(/No function matches the given name and argument types\./);
    expect(r.queries.filter((q) => q.purpose === 'fallback')).toHaveLength(0);
  });
});
