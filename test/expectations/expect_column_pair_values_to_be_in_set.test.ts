import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_pair_values_to_be_in_set';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (1, 'x'), (2, 'y'), (1, NULL), (3, 'it''s'), (NULL, NULL)) v(a, "b col")`);

describe(T, () => {
  it('a pair is expected only when listed; null matches only a listed null', async () => {
    const r = await db.check('t', T, {
      column_A: 'a',
      column_B: 'b col',
      value_pairs_set: [
        [1, 'x'],
        [2, 'y'],
        [3, "it's"],
      ],
    });
    expect(r.result).toMatchObject({ missing_count: 1, unexpected_count: 1, unexpected_list: [[1, null]] });
    const withNull = await db.check('t', T, {
      column_A: 'a',
      column_B: 'b col',
      value_pairs_set: [
        [1, 'x'],
        [2, 'y'],
        [3, "it's"],
        [1, null],
      ],
    });
    expect(withNull.success).toBe(true);
  });

  it('quotes suite values: a value cannot inject SQL', async () => {
    const r = await db.check('t', T, { column_A: 'a', column_B: 'b col', value_pairs_set: [[1, "x') OR TRUE OR ('"]] });
    expect(r.result).toMatchObject({ unexpected_count: 4 });
  });

  it('a null set allows any pair', async () => {
    expect((await db.check('t', T, { column_A: 'a', column_B: 'b col', value_pairs_set: null })).success).toBe(true);
  });
});
