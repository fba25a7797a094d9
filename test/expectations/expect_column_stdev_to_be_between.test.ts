import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_stdev_to_be_between';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (1, -1, 5), (1, 1, NULL), (3, NULL, NULL)) v(d, m, one)`);

describe(T, () => {
  it('is the sample standard deviation (n - 1) of the non-null values', async () => {
    const r = await db.check('t', T, { column: 'd', min_value: 1.15, max_value: 1.16 });
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toBeCloseTo(Math.sqrt(4 / 3), 12);
    expect(await db.check('t', T, { column: 'm', min_value: 1.4, max_value: 1.5 })).toMatchObject({ success: true });
  });

  it('one value has no sample deviation: null, failed', async () => {
    expect(await db.check('t', T, { column: 'one', min_value: 0 })).toMatchObject({ success: false, result: { observed_value: null } });
  });
});
