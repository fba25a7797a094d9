import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { validate } from '../../src/engine/validate.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_proportion_of_unique_values_to_be_between';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES (2, NULL::INTEGER), (2, NULL), (5, NULL), (NULL, NULL)) v(x, none)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('is distinct values over non-null values', async () => {
    const r = await check(conn, 't', T, { column: 'x', min_value: 0.6, max_value: 0.7 });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toBeCloseTo(2 / 3, 12);
  });

  it('is 0, not null, for a column without values (GE)', async () => {
    expect(await check(conn, 't', T, { column: 'none', max_value: 0 })).toMatchObject({ success: true, result: { observed_value: 0 } });
  });

  it('shares its distinct count with expect_column_unique_value_count_to_be_between in the one scan', async () => {
    const sqls: string[] = [];
    const res = await validate(
      conn,
      't',
      {
        name: 's',
        expectations: [
          { type: T, kwargs: { column: 'x', min_value: 0 }, severity: 'error' },
          { type: 'expect_column_unique_value_count_to_be_between', kwargs: { column: 'x', min_value: 2 }, severity: 'error' },
        ],
      },
      { onQuery: (sql) => sqls.push(sql) },
    );
    expect(res.results.map((r) => r.success)).toEqual([true, true]);
    expect(sqls).toHaveLength(1);
    expect(sqls[0]!.match(/count\(DISTINCT/g)).toHaveLength(1);
  });
});
