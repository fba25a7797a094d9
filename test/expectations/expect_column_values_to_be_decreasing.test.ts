import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_decreasing';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES
      (1, NULL, 1), (2, NULL, 1), (3, 10, 1), (7, 9, 2), (6, 8, 2), (5, 7, 2), (4, NULL, 3), (3, 6, 3), (2, 5, 3), (1, 4, 4)) v(w, x, y)`,
);

describe(T, () => {
  it('flags rises over the previous value; nulls are skipped', async () => {
    expect((await db.check('t', T, { column: 'x' })).success).toBe(true);
    const w = await db.check('t', T, { column: 'w', mostly: 0.6 });
    expect(w.success).toBe(true);
    expect(w.result).toMatchObject({ unexpected_list: [2, 3, 7], unexpected_index_list: [1, 2, 3] });
  });

  it('treats ties as unexpected only when strictly', async () => {
    const y = await db.check('t', T, { column: 'y' });
    expect(y.result).toMatchObject({ unexpected_list: [2, 3, 4], unexpected_index_list: [3, 6, 9] });
    const strict = await db.check('t', T, { column: 'y', strictly: true });
    expect(strict.result.unexpected_count).toBe(9);
  });
});
