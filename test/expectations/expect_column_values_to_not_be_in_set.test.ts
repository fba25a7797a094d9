import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_not_be_in_set';
const db = testDatabase(
  `CREATE TABLE t (i INTEGER, s VARCHAR, ts TIMESTAMP, n INTEGER)`,
  `INSERT INTO t VALUES (1, 'a', TIMESTAMP '2020-01-01', NULL), (2, 'b', TIMESTAMP '2021-01-01', NULL), (4, 'c', NULL, 2)`,
);

describe(T, () => {
  it('flags values that are in the set', async () => {
    const r = await db.check('t', T, { column: 'i', value_set: [1, 5] });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ unexpected_count: 1, unexpected_list: [1], unexpected_index_list: [0] });
    expect((await db.check('t', T, { column: 'i', value_set: [1], mostly: 0.6 })).success).toBe(true);
  });

  it('is vacuously true for an empty or null set, and a null member matches nothing', async () => {
    for (const value_set of [[], null, [null]]) {
      const r = await db.check('t', T, { column: 'n', value_set });
      expect(r.success, JSON.stringify(value_set)).toBe(true);
      expect(r.result.unexpected_count).toBe(0);
    }
  });

  it('compares mixed-type sets per column type without conversion errors', async () => {
    const cases: [string, unknown[], number][] = [
      ['i', ['x', '2', 4.0, 4.5], 2],
      ['s', [1, 'b', true], 1],
      ['ts', ['2020-01-01', 'yesterday', 17], 1],
    ];
    for (const [column, value_set, unexpected] of cases) {
      const r = await db.check('t', T, { column, value_set });
      expect(r.exception_info.raised_exception, `${column}`).toBe(false);
      expect(r.result.unexpected_count, `${column} ${JSON.stringify(value_set)}`).toBe(unexpected);
    }
  });

  it('a value set cannot inject SQL', async () => {
    for (const column of ['s', 'i', 'ts']) {
      const r = await db.check('t', T, { column, value_set: ["'; DROP TABLE t; --"] });
      expect(r.exception_info.raised_exception).toBe(false);
      expect(r.success).toBe(true);
    }
    expect((await db.conn.query('SELECT count(*) AS n FROM t'))[0]!.n).toBe(3);
  });
});
