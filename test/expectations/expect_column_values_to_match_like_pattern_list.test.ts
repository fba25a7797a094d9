import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_values_to_match_like_pattern_list';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES ('man'), ('bat'), ('bit'), (NULL)) v(x)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('any (default) and all', async () => {
    expect((await check(conn, 't', T, { column: 'x', like_pattern_list: ['%a%', 'b%t'] })).success).toBe(true);
    const all = await check(conn, 't', T, { column: 'x', like_pattern_list: ['%a%', 'b%t'], match_on: 'all' });
    expect(all.result).toMatchObject({ unexpected_list: ['man', 'bit'] });
  });

  it('refuses an empty list', async () => {
    const r = await check(conn, 't', T, { column: 'x', like_pattern_list: [] });
    expect(r.exception_info.exception_message).toMatch(/At least one like_pattern/);
  });
});
