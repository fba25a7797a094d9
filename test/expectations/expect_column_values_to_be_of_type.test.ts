import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_of_type';
const db = testDatabase(
  `CREATE TABLE t (i INTEGER, bi BIGINT, d DOUBLE, f FLOAT, v VARCHAR, b BOOLEAN, ts TIMESTAMP, tz TIMESTAMPTZ, dec DECIMAL(10,2), l INTEGER[], ts_s TIMESTAMP_S)`,
);

describe(T, () => {
  it("judges the column's type, with GE's SQL names", async () => {
    const yes: [string, string][] = [
      ['i', 'INTEGER'],
      ['i', 'int4'],
      ['bi', 'BIGINT'],
      ['d', 'DOUBLE_PRECISION'],
      ['d', 'FLOAT'],
      ['d', 'double'],
      ['f', 'REAL'],
      ['v', 'TEXT'],
      ['v', 'VARCHAR'],
      ['v', 'string'],
      ['b', 'BOOLEAN'],
      ['ts', 'TIMESTAMP'],
      ['ts', 'DATETIME'],
      ['tz', 'TIMESTAMPTZ'],
      ['tz', 'TIMESTAMP'],
      ['dec', 'NUMERIC'],
      ['dec', 'DECIMAL'],
      ['l', 'ARRAY'],
      ['ts_s', 'TIMESTAMP'],
    ];
    const no: [string, string][] = [
      ['i', 'TEXT'],
      ['i', 'VARCHAR'],
      ['i', 'BIGINT'],
      ['bi', 'INTEGER'],
      ['d', 'INTEGER'],
      ['f', 'DOUBLE_PRECISION'],
      ['v', 'INTEGER'],
      ['b', 'INTEGER'],
      ['ts', 'DATE'],
      ['ts', 'TIMESTAMPTZ'],
      ['i', 'NoSuchType'],
    ];
    for (const [column, type_] of yes) expect((await db.check('t', T, { column, type_ })).success, `${column} ${type_}`).toBe(true);
    for (const [column, type_] of no) expect((await db.check('t', T, { column, type_ })).success, `${column} ${type_}`).toBe(false);
  });

  it('returns the type as observed_value, reads no data, and accepts any type for null', async () => {
    const r = await db.check('t', T, { column: 'dec', type_: 'INTEGER', mostly: 0.5 });
    expect(r.result).toEqual({ observed_value: 'DECIMAL(10,2)' });
    expect(r.queries).toEqual([]);
    expect((await db.check('t', T, { column: 'v', type_: null })).success).toBe(true);
  });
});
