import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_table_column_count_to_equal';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT 1 AS a, 2 AS "b c"`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('compares the column count, without a scan', async () => {
    const r = await check(conn, 't', T, { value: 2 });
    expect(r).toMatchObject({ success: true, result: { observed_value: 2 } });
    expect(r.queries).toEqual([]);
    expect(await check(conn, 't', T, { value: 3 })).toMatchObject({ success: false, result: { observed_value: 2 } });
  });

  it('raises for a value that is not an integer', async () => {
    const r = await check(conn, 't', T, { value: 'hello' });
    expect(r.exception_info.exception_message).toMatch(/not a valid integer/);
  });
});
