import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_compound_columns_to_be_unique';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES
      (1, 'a', 'k'), (1, 'b', 'k'), (2, 'a', 'k'), (1, 'a', 'x'), (3, NULL, 'k'), (3, NULL, 'k'), (NULL, NULL, 'k'), (NULL, NULL, 'k')
    ) v("it's", "we""ird", g)`,
);

describe(T, () => {
  it('reports every row of a duplicated combination, with the row numbers', async () => {
    const r = await db.check('t', T, { column_list: ["it's", 'we"ird'] });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ element_count: 8, missing_count: 2, unexpected_count: 2, unexpected_index_list: [0, 3] });
    expect(r.result.unexpected_list).toEqual([
      { "it's": 1, 'we"ird': 'a' },
      { "it's": 1, 'we"ird': 'a' },
    ]);
    // GE's Counter cannot hash a dict: no counts, and the reason in details.
    expect(r.result.partial_unexpected_counts).toEqual([]);
    expect(r.result.details).toEqual({
      partial_unexpected_counts_error: 'partial_unexpected_counts requested, but requires a hashable type',
    });
  });

  it('a row with a missing value is never a duplicate (as a SQL UNIQUE constraint, GE on SQL)', async () => {
    const r = await db.check('t', T, { column_list: ["it's", 'we"ird'], ignore_row_if: 'never' });
    expect(r.result).toMatchObject({ missing_count: 0, unexpected_count: 2 });
  });

  it('skips the duplicate query when the fused distinct count shows none', async () => {
    const r = await db.check('t', T, { column_list: ["it's", 'we"ird', 'g'] });
    expect(r).toMatchObject({ success: true, result: { unexpected_count: 0, unexpected_list: [] } });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused']);
    expect(r.queries[0]!.sql).toContain('count(DISTINCT (');
  });

  it('looks for duplicates only among rows matching row_condition', async () => {
    expect((await db.check('t', T, { column_list: ["it's", 'we"ird'], row_condition: "g = 'k'" })).success).toBe(true);
  });
});
