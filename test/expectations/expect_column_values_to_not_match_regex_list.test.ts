import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_values_to_not_match_regex_list';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(`CREATE TABLE t AS SELECT * FROM (VALUES ('man'), ('hat'), ('bit'), (NULL)) v(x)`);
});
afterAll(() => conn.close());

describe(T, () => {
  it('a value matching any regex is unexpected', async () => {
    const r = await check(conn, 't', T, { column: 'x', regex_list: ['opatomus', 'h.*t', '^b'] });
    expect(r.result).toMatchObject({ unexpected_count: 2, unexpected_list: ['hat', 'bit'], unexpected_index_list: [1, 2] });
    expect((await check(conn, 't', T, { column: 'x', regex_list: ['\\s+', 'z'] })).success).toBe(true);
  });
});
