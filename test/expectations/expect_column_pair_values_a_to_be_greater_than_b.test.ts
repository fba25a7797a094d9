import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_pair_values_a_to_be_greater_than_b';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (2, 1, 0), (3, 3, 1), (5, NULL, 2), (NULL, NULL, 3), (1, 4, 4)) v("it's a", "we""ird b", pk)`,
);

describe(T, () => {
  it('a missing value beside a present one is unexpected; both missing is set aside', async () => {
    const r = await db.check('t', T, {
      column_A: "it's a",
      column_B: 'we"ird b',
      result_format: { result_format: 'COMPLETE', unexpected_index_column_names: ['pk'] },
    });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ element_count: 5, missing_count: 1, unexpected_count: 3 });
    expect(r.result.unexpected_list).toEqual([
      [3, 3],
      [5, null],
      [1, 4],
    ]);
    expect(r.result.unexpected_index_list).toEqual([
      { "it's a": 3, 'we"ird b': 3, pk: 1 },
      { "it's a": 5, 'we"ird b': null, pk: 2 },
      { "it's a": 1, 'we"ird b': 4, pk: 4 },
    ]);
    expect(r.queries[0]!.purpose).toBe('fused');
  });

  it('or_equal accepts ties; ignore_row_if and mostly apply', async () => {
    const r = await db.check('t', T, {
      column_A: "it's a",
      column_B: 'we"ird b',
      or_equal: true,
      ignore_row_if: 'either_value_is_missing',
    });
    expect(r.result).toMatchObject({ missing_count: 2, unexpected_count: 1, unexpected_list: [[1, 4]] });
    expect(
      (
        await db.check('t', T, {
          column_A: "it's a",
          column_B: 'we"ird b',
          or_equal: true,
          ignore_row_if: 'either_value_is_missing',
          mostly: 0.6,
        })
      ).success,
    ).toBe(true);
  });

  it('also reads the GE 0.x name with capital A and B', async () => {
    const r = await db.check('t', 'expect_column_pair_values_A_to_be_greater_than_B', {
      column_A: "it's a",
      column_B: 'we"ird b',
      ignore_row_if: 'either_value_is_missing',
    });
    expect(r.result).toMatchObject({ unexpected_count: 2 });
  });
});
