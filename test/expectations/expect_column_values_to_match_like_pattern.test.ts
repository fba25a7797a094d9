import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_values_to_match_like_pattern';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES ('aaa', 10), ('Abb', 11), ('bee', 20), (NULL, NULL), ('it''s', 3)) v(a, n)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('is SQL LIKE: whole value, case-sensitive', async () => {
    const r = await check(conn, 't', T, { column: 'a', like_pattern: 'a%' });
    expect(r.result).toMatchObject({ unexpected_list: ['Abb', 'bee', "it's"], missing_count: 1 });
    expect((await check(conn, 't', T, { column: 'a', like_pattern: '%b%' })).result).toMatchObject({ unexpected_list: ['aaa', "it's"] });
    expect((await check(conn, 't', T, { column: 'a', like_pattern: "%'%" })).result).toMatchObject({ unexpected_count: 3 });
  });

  it('reads a non-text column as text', async () => {
    expect((await check(conn, 't', T, { column: 'n', like_pattern: '1_' })).result).toMatchObject({ unexpected_list: [20, 3] });
  });
});
