import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_distinct_values_to_equal_set';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES (1.0::DOUBLE), (1), (2.5), (NULL)) v(x)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('succeeds only for exactly the same set (1 and 1.0 are one value)', async () => {
    expect(await check(conn, 't', T, { column: 'x', value_set: [1, 2.5] })).toMatchObject({ success: true, result: { observed_value: [1, 2.5] } });
    expect((await check(conn, 't', T, { column: 'x', value_set: [1] })).success).toBe(false);
    expect((await check(conn, 't', T, { column: 'x', value_set: [1, 2.5, 3] })).success).toBe(false);
  });

  it('BOOLEAN_ONLY has an empty result', async () => {
    expect(await check(conn, 't', T, { column: 'x', value_set: [1, 2.5], result_format: 'BOOLEAN_ONLY' })).toMatchObject({ success: true, result: {} });
  });
});
