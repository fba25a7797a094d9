import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_unique_value_count_to_be_between';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES ('a'), ('a'), ('b'), (NULL)) v(s)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('counts distinct non-null values', async () => {
    expect(await check(conn, 't', T, { column: 's', min_value: 2, max_value: 2 })).toMatchObject({ success: true, result: { observed_value: 2 } });
    expect((await check(conn, 't', T, { column: 's', min_value: 3 })).success).toBe(false);
    expect(await check(conn, 't', T, { column: 's', max_value: 0, row_condition: "s = 'zzz'" })).toMatchObject({ success: true, result: { observed_value: 0 } });
  });
});
