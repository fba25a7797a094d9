import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_median_to_be_between';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES (1, 5), (2, 7), (3, 6), (4, NULL)) v(a, c)`);

describe(T, () => {
  it('averages the two middle values of an even count, takes the middle one of an odd count', async () => {
    expect(await db.check('t', T, { column: 'a', min_value: 2.5, max_value: 2.5 })).toMatchObject({
      success: true,
      result: { observed_value: 2.5 },
    });
    expect(await db.check('t', T, { column: 'c', min_value: 7, max_value: 7 })).toMatchObject({
      success: false,
      result: { observed_value: 6 },
    });
  });

  it('applies row_condition inside the fused scan', async () => {
    const r = await db.check('t', T, { column: 'a', max_value: 1.5, row_condition: 'a <= 2' });
    expect(r).toMatchObject({ success: true, result: { observed_value: 1.5 } });
    expect(r.queries).toHaveLength(1);
  });
});
