import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_values_to_not_match_like_pattern';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES ('aaa'), ('abb'), ('bee'), (NULL)) v(a)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('counts values matching the pattern', async () => {
    const r = await check(conn, 't', T, { column: 'a', like_pattern: '%b%' });
    expect(r.result).toMatchObject({ unexpected_list: ['abb', 'bee'], unexpected_index_list: [1, 2] });
    expect((await check(conn, 't', T, { column: 'a', like_pattern: '%b%', mostly: 0.3 })).success).toBe(true);
    expect((await check(conn, 't', T, { column: 'a', like_pattern: '[a]%' })).success).toBe(true);
  });
});
