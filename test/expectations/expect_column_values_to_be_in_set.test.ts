import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_in_set';
const db = testDatabase(
  `CREATE TABLE t (i INTEGER, d DOUBLE, s VARCHAR, b BOOLEAN, ts TIMESTAMP, dt DATE, u UUID, e ENUM('x', 'y'), dec DECIMAL(10,2))`,
  `INSERT INTO t VALUES
      (1, 1.1, 'a', true, TIMESTAMP '2020-01-01 10:00:00', DATE '2020-01-01', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'x', 1.10),
      (2, 2.2, '1', false, TIMESTAMP '2021-06-01 00:00:00', DATE '2021-06-01', 'b0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'y', 2.25),
      (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)`,
);

describe(T, () => {
  it('counts values outside the set among non-null values, with GE result keys', async () => {
    const r = await db.check('t', T, { column: 'i', value_set: [1, 3] });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 3,
      missing_count: 1,
      unexpected_count: 1,
      unexpected_list: [2],
      unexpected_index_list: [1],
    });
    expect(r.result.unexpected_percent).toBeCloseTo(50);
    const ok = await db.check('t', T, { column: 'i', value_set: [1, 2], result_format: 'BASIC' });
    expect(ok.success).toBe(true);
    expect(ok.queries.map((q) => q.purpose)).toEqual(['fused']);
  });

  it('honours mostly, an empty set and a null set as GE does', async () => {
    expect((await db.check('t', T, { column: 'i', value_set: [1], mostly: 0.5 })).success).toBe(true);
    const empty = await db.check('t', T, { column: 'i', value_set: [] });
    expect(empty.success).toBe(false);
    expect(empty.result.unexpected_count).toBe(2);
    expect((await db.check('t', T, { column: 'i', value_set: null })).success).toBe(true);
  });

  it('compares mixed-type sets per column type without conversion errors', async () => {
    const cases: [string, unknown[], number][] = [
      ['i', ['a', '2', 1, true, null, 1.5], 0], // '2' → 2, true → 1, 'a' and 1.5 match nothing
      ['d', [1.1, 'x', '2.2'], 0],
      ['dec', [1.1, '2.25', 'no'], 0],
      ['s', ['a', 1, 'zz'], 0], // 1 → '1'
      ['b', ['true', 0, 'maybe', 7], 0],
      ['ts', ['2020-01-01 10:00:00', 'not a time', 5], 1],
      ['dt', ['2020-01-01', '2021-06-01', 'x'], 0],
      ['u', ['a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', 'not-a-uuid', 3], 1],
      ['e', ['x', 'z', 1], 1],
    ];
    for (const [column, value_set, unexpected] of cases) {
      const r = await db.check('t', T, { column, value_set });
      expect(r.exception_info, `${column} ${JSON.stringify(value_set)}`).toMatchObject({ raised_exception: false });
      expect(r.result.unexpected_count, `${column} ${JSON.stringify(value_set)}`).toBe(unexpected);
    }
  });

  it('a value set cannot inject SQL', async () => {
    const evil = "'; DROP TABLE t; --";
    for (const column of ['s', 'i', 'ts', 'u']) {
      const r = await db.check('t', T, { column, value_set: [evil, `"); DROP TABLE t; --`] });
      expect(r.exception_info.raised_exception).toBe(false);
      expect(r.result.unexpected_count).toBe(2);
    }
    await db.conn.exec(`CREATE TABLE x AS SELECT * FROM (VALUES ('${evil.replaceAll("'", "''")}'), ('ok')) v(s)`);
    const r = await db.check('x', T, { column: 's', value_set: [evil] });
    expect(r.result).toMatchObject({ unexpected_count: 1, unexpected_list: ['ok'] });
    expect((await db.conn.query('SELECT count(*) AS n FROM t'))[0]!.n).toBe(3);
  });

  it('applies row_condition inside the fused scan', async () => {
    const r = await db.check('t', T, { column: 's', value_set: ['a'], row_condition: 'i = 1' });
    expect(r.success).toBe(true);
    expect(r.result.element_count).toBe(1);
  });
});
