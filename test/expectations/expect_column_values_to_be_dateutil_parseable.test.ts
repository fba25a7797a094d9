import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_dateutil_parseable';
// Each value's verdict is python-dateutil 2.9's.
const PARSEABLE = [
  '2019-04-01',
  '01/01/2010',
  'Jan 1st, 2019 at 10:30pm',
  '10:00 -0300 (BRST)',
  '20190101T103000',
  '٢٠١٩-٠٤-٠١',
  '10h30m',
  'Monday',
  '12 am',
  '13 pm',
];
const NOT = ['abc', '13/13/2019', '2019-02-29', '25:00', '', 'today'];

const rows = [...PARSEABLE, ...NOT].map((v, i) => `(${i}, '${v.replaceAll("'", "''")}')`).join(', ');
const db = testDatabase(
  `CREATE TABLE t AS SELECT i, s, i AS n, CAST(NULL AS INTEGER) AS nulls FROM (VALUES ${rows}) v(i, s)`,
  `INSERT INTO t VALUES (99, NULL, NULL, NULL)`,
);

describe(T, () => {
  it('judges distinct values as dateutil.parser.parse would', async () => {
    const r = await db.check('t', T, { column: 's' });
    expect(r.result).toMatchObject({ element_count: 17, missing_count: 1, unexpected_count: NOT.length });
    expect([...(r.result.unexpected_list as string[])].sort()).toEqual([...NOT].sort());
    expect((await db.check('t', T, { column: 's', mostly: 0.6 })).success).toBe(true);
  });

  it('raises for a non-text column with values, as GE', async () => {
    expect((await db.check('t', T, { column: 'n' })).exception_info.exception_message).toMatch(
      /Values passed to expect_column_values_to_be_dateutil_parseable must be of type string\./,
    );
    expect((await db.check('t', T, { column: 'nulls' })).success).toBe(true);
  });
});
