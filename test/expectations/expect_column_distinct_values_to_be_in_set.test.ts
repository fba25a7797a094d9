import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_distinct_values_to_be_in_set';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (2, DATE '2020-01-02'), (1, DATE '2020-01-01'), (2, NULL), (NULL, DATE '2020-01-01')) v(n, d)`,
);

describe(T, () => {
  it('succeeds when every distinct value is in the set; reports sorted values and their counts', async () => {
    const r = await db.check('t', T, { column: 'n', value_set: [1, 2, 3] });
    expect(r).toMatchObject({
      success: true,
      result: {
        observed_value: [1, 2],
        details: {
          value_counts: [
            { value: 1, count: 1 },
            { value: 2, count: 2 },
          ],
        },
      },
    });
    expect((await db.check('t', T, { column: 'n', value_set: [1] })).success).toBe(false);
    expect((await db.check('t', T, { column: 'n', value_set: ['1', '2'] })).success).toBe(false);
  });

  it('an empty or null value_set admits anything (GE 1.2)', async () => {
    expect((await db.check('t', T, { column: 'n', value_set: null })).success).toBe(true);
    expect((await db.check('t', T, { column: 'n', value_set: [] })).success).toBe(true);
  });

  it('matches dates whatever their spelling', async () => {
    const r = await db.check('t', T, { column: 'd', value_set: ['2020-01-01T00:00:00', '2020-01-02'] });
    expect(r).toMatchObject({ success: true, result: { observed_value: ['2020-01-01', '2020-01-02'] } });
  });

  it('the distinct-value expectations on one column share one GROUP BY query', async () => {
    const { results, queries } = await db.checkSuite('t', [
      { type: T, kwargs: { column: 'n', value_set: [1, 2] } },
      { type: 'expect_column_distinct_values_to_contain_set', kwargs: { column: 'n', value_set: [1] } },
      { type: 'expect_column_distinct_values_to_equal_set', kwargs: { column: 'n', value_set: [1, 2] } },
      { type: 'expect_column_most_common_value_to_be_in_set', kwargs: { column: 'n', value_set: [2] } },
      {
        type: 'expect_column_kl_divergence_to_be_less_than',
        kwargs: { column: 'n', partition_object: { values: [1, 2], weights: [1 / 3, 2 / 3] }, threshold: 0 },
      },
    ]);
    expect(results.map((r) => r.success)).toEqual([true, true, true, true, true]);
    expect(queries.map((q) => q.purpose)).toEqual(['follow-up']);
  });
});
