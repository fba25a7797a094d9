import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_table_row_count_to_equal_other_table';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM range(4) r(x)`,
  `CREATE TABLE same AS SELECT * FROM range(4) r(x)`,
  `CREATE SCHEMA s`,
  `CREATE TABLE s."Odd ""name""" AS SELECT * FROM range(3) r(x)`,
  `CREATE VIEW v AS SELECT * FROM range(10) r(x)`,
);

describe(T, () => {
  it('compares with another table or view', async () => {
    expect(await db.check('t', T, { other_table_name: 'same' })).toMatchObject({
      success: true,
      result: { observed_value: { self: 4, other: 4 } },
    });
    expect(await db.check('t', T, { other_table_name: 'v' })).toMatchObject({
      success: false,
      result: { observed_value: { self: 4, other: 10 } },
    });
  });

  it('accepts schema.table with quoted parts, quoting every part', async () => {
    const r = await db.check('t', T, { other_table_name: 's."Odd ""name"""' });
    expect(r).toMatchObject({ success: false, result: { observed_value: { self: 4, other: 3 } } });
    expect(r.queries.some((q) => q.sql.includes('FROM "s"."Odd ""name"""'))).toBe(true);
  });

  it('applies the row_condition to both tables, as GE does', async () => {
    expect(await db.check('t', T, { other_table_name: 'v', row_condition: 'x < 2' })).toMatchObject({
      success: true,
      result: { observed_value: { self: 2, other: 2 } },
    });
  });

  it("cannot be used to inject SQL, and a missing table is this expectation's error only", async () => {
    const r = await db.check('t', T, { other_table_name: 'same; DROP TABLE same' });
    expect(r.exception_info.raised_exception).toBe(true);
    expect(await db.conn.query('SELECT count(*) AS n FROM same')).toEqual([{ n: 4 }]);
    expect((await db.check('t', T, { other_table_name: 'a.b.c.d' })).exception_info.exception_message).toMatch(/not a table name/);
    expect((await db.check('t', T, { other_table_name: 'nope' })).exception_info.exception_message).toMatch(/nope/);
  });
});
