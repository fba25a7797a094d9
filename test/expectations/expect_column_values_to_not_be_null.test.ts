import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_not_be_null';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('a', 4), ('b', 5), ('c', NULL), ('d', 7)) v(no_null, one_null)`);

describe(T, () => {
  it('reports no missing_* keys (GE: nonnull_count=None for the null checks)', async () => {
    const r = await db.check('t', T, { column: 'no_null', result_format: 'BASIC' });
    expect(r.result).toEqual({ element_count: 4, unexpected_count: 0, unexpected_percent: 0, partial_unexpected_list: [] });
  });

  it('counts nulls against all rows, with their row numbers', async () => {
    const r = await db.check('t', T, { column: 'one_null' });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ unexpected_count: 1, unexpected_percent: 25, unexpected_list: [null], unexpected_index_list: [2] });
    expect((await db.check('t', T, { column: 'one_null', mostly: 0.75 })).success).toBe(true);
  });
});
