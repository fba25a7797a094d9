import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { validate } from '../../src/engine/validate.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_distinct_values_to_be_in_set';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(
    `CREATE TABLE t AS SELECT * FROM (VALUES (2, DATE '2020-01-02'), (1, DATE '2020-01-01'), (2, NULL), (NULL, DATE '2020-01-01')) v(n, d)`,
  );
});
afterAll(() => conn.close());

describe(T, () => {
  it('succeeds when every distinct value is in the set; reports sorted values and their counts', async () => {
    const r = await check(conn, 't', T, { column: 'n', value_set: [1, 2, 3] });
    expect(r).toMatchObject({
      success: true,
      result: { observed_value: [1, 2], details: { value_counts: [{ value: 1, count: 1 }, { value: 2, count: 2 }] } },
    });
    expect((await check(conn, 't', T, { column: 'n', value_set: [1] })).success).toBe(false);
    expect((await check(conn, 't', T, { column: 'n', value_set: ['1', '2'] })).success).toBe(false);
  });

  it('an empty or null value_set admits anything (GE 1.2)', async () => {
    expect((await check(conn, 't', T, { column: 'n', value_set: null })).success).toBe(true);
    expect((await check(conn, 't', T, { column: 'n', value_set: [] })).success).toBe(true);
  });

  it('matches dates whatever their spelling', async () => {
    const r = await check(conn, 't', T, { column: 'd', value_set: ['2020-01-01T00:00:00', '2020-01-02'] });
    expect(r).toMatchObject({ success: true, result: { observed_value: ['2020-01-01', '2020-01-02'] } });
  });

  it('the distinct-value expectations on one column share one GROUP BY query', async () => {
    const sqls: string[] = [];
    const res = await validate(
      conn,
      't',
      {
        name: 's',
        expectations: [
          { type: T, kwargs: { column: 'n', value_set: [1, 2] }, severity: 'error' },
          { type: 'expect_column_distinct_values_to_contain_set', kwargs: { column: 'n', value_set: [1] }, severity: 'error' },
          { type: 'expect_column_distinct_values_to_equal_set', kwargs: { column: 'n', value_set: [1, 2] }, severity: 'error' },
          { type: 'expect_column_most_common_value_to_be_in_set', kwargs: { column: 'n', value_set: [2] }, severity: 'error' },
          { type: 'expect_column_kl_divergence_to_be_less_than', kwargs: { column: 'n', partition_object: { values: [1, 2], weights: [1 / 3, 2 / 3] }, threshold: 0 }, severity: 'error' },
        ],
      },
      { onQuery: (sql, purpose) => sqls.push(purpose) },
    );
    expect(res.results.map((r) => r.success)).toEqual([true, true, true, true, true]);
    expect(sqls).toEqual(['follow-up']);
  });
});
