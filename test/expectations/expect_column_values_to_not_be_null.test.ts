import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_values_to_not_be_null';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES ('a', 4), ('b', 5), ('c', NULL), ('d', 7)) v(no_null, one_null)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('reports no missing_* keys (GE: nonnull_count=None for the null checks)', async () => {
    const r = await check(conn, 't', T, { column: 'no_null', result_format: 'BASIC' });
    expect(r.result).toEqual({ element_count: 4, unexpected_count: 0, unexpected_percent: 0, partial_unexpected_list: [] });
  });

  it('counts nulls against all rows, with their row numbers', async () => {
    const r = await check(conn, 't', T, { column: 'one_null' });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ unexpected_count: 1, unexpected_percent: 25, unexpected_list: [null], unexpected_index_list: [2] });
    expect((await check(conn, 't', T, { column: 'one_null', mostly: 0.75 })).success).toBe(true);
  });
});
