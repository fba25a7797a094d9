import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import { check, openWith } from './helpers.js';

const T = 'expect_column_most_common_value_to_be_in_set';
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWith(
    `CREATE TABLE t AS SELECT * FROM (VALUES (2, 'jello'), (1, 'hello'), (1, 'jello'), (2, NULL), (NULL, NULL), (NULL, NULL)) v(x, s)`,
    `CREATE TABLE e (x INTEGER)`,
  );
});
afterAll(() => conn.close());

describe(T, () => {
  it('reports every most common value, sorted; nulls are not counted', async () => {
    expect(await check(conn, 't', T, { column: 'x', value_set: [1] })).toMatchObject({ success: false, result: { observed_value: [1, 2] } });
    expect(await check(conn, 't', T, { column: 's', value_set: ['jello', 'x'] })).toMatchObject({ success: true, result: { observed_value: ['jello'] } });
  });

  it('a tie fails unless ties_okay, which needs one of the tied values in the set', async () => {
    expect((await check(conn, 't', T, { column: 'x', value_set: [1, 2] })).success).toBe(false);
    expect((await check(conn, 't', T, { column: 'x', value_set: [2], ties_okay: true })).success).toBe(true);
    expect((await check(conn, 't', T, { column: 'x', value_set: [3], ties_okay: true })).success).toBe(false);
  });

  it('an empty column has no most common value', async () => {
    expect(await check(conn, 'e', T, { column: 'x', value_set: [1] })).toMatchObject({ success: false, result: { observed_value: [] } });
  });
});
