import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_select_column_values_to_be_unique_within_record';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (1, 2, 3), (1, 5, 1), (4, 4, NULL), (NULL, NULL, 7), (NULL, NULL, NULL)) v(a, "b col", "c""c")`,
);

describe(T, () => {
  it('a row is unexpected when two of its columns are equal; two nulls are not equal', async () => {
    const r = await db.check('t', T, { column_list: ['a', 'b col', 'c"c'] });
    expect(r.result).toMatchObject({ element_count: 5, missing_count: 1, unexpected_count: 2, unexpected_index_list: [1, 2] });
    expect(r.result.unexpected_list).toEqual([
      { a: 1, 'b col': 5, 'c"c': 1 },
      { a: 4, 'b col': 4, 'c"c': null },
    ]);
    expect(r.queries[0]!.purpose).toBe('fused');
  });

  it('also answers to the deprecated expect_multicolumn_values_to_be_unique', async () => {
    const r = await db.check('t', 'expect_multicolumn_values_to_be_unique', {
      column_list: ['a', 'b col', 'c"c'],
      ignore_row_if: 'any_value_is_missing',
    });
    expect(r.result).toMatchObject({ missing_count: 3, unexpected_count: 1 });
  });
});
