import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_value_lengths_to_equal';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES ('smart', 1), ('sexy', 2), ('silly', 3), (NULL, 4)) v(s, n)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('compares each length with value', async () => {
    const r = await check(conn, 't', T, { column: 's', value: 5 });
    expect(r.result).toMatchObject({ unexpected_list: ['sexy'], unexpected_index_list: [1] });
    expect((await check(conn, 't', T, { column: 's', value: 5, mostly: 0.6 })).success).toBe(true);
    expect((await check(conn, 't', T, { column: 's', value: 4.5 })).result).toMatchObject({ unexpected_count: 3 });
  });

  it('raises on a non-text column (GE on PostgreSQL)', async () => {
    expect((await check(conn, 't', T, { column: 'n', value: 1 })).exception_info.exception_message).toMatch(/No function matches/);
  });
});
