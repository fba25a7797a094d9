import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_max_to_be_between';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (1, TIMESTAMPTZ '2001-01-01 12:00:01+00', 'x'), (5, NULL, 'y'), (NULL, TIMESTAMPTZ '2000-01-01 00:00:00+00', NULL)) v(n, tz, s)`,
);

describe(T, () => {
  it('judges the maximum', async () => {
    expect(await db.check('t', T, { column: 'n', min_value: 4, max_value: 6 })).toMatchObject({
      success: true,
      result: { observed_value: 5 },
    });
    expect((await db.check('t', T, { column: 'n', max_value: 5, strict_max: true })).success).toBe(false);
    expect((await db.check('t', T, { column: 'n', min_value: 6 })).success).toBe(false);
  });

  it('compares time-zone aware timestamps as instants', async () => {
    const r = await db.check('t', T, { column: 'tz', min_value: '2001-01-01T13:00:01+01:00', max_value: '2001-01-01T12:00:01Z' });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toMatch(/^2001-01-01T\d\d:00:01[+-]\d\d:\d\d$/);
  });

  it('text columns report their largest text; text against a number bound raises as in Python', async () => {
    expect(await db.check('t', T, { column: 's' })).toMatchObject({ success: true, result: { observed_value: 'y' } });
    expect((await db.check('t', T, { column: 's', max_value: 1 })).exception_info.raised_exception).toBe(true);
  });
});
