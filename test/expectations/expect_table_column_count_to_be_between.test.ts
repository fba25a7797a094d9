import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_table_column_count_to_be_between';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT 1 AS a, 'x' AS "we""ird col", NULL AS c`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('judges the column count without scanning the table', async () => {
    const r = await check(conn, 't', T, { min_value: 2, max_value: 3 });
    expect(r).toMatchObject({ success: true, result: { observed_value: 3 } });
    expect(r.queries).toEqual([]);
    expect((await check(conn, 't', T, { max_value: 2 })).success).toBe(false);
    expect((await check(conn, 't', T, { min_value: 3, strict_min: true })).success).toBe(false);
    expect((await check(conn, 't', T, {})).success).toBe(true);
  });

  it('refuses crossed or non-numeric bounds', async () => {
    expect((await check(conn, 't', T, { min_value: 2, max_value: 1 })).exception_info.exception_message).toMatch(/greater than max_value/);
    expect((await check(conn, 't', T, { min_value: 'quack' })).exception_info.exception_message).toMatch(/not a valid number/);
  });

  it('returns no result for BOOLEAN_ONLY', async () => {
    expect((await check(conn, 't', T, { max_value: 9, result_format: 'BOOLEAN_ONLY' })).result).toEqual({});
  });
});
