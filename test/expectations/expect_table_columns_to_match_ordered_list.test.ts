import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_table_columns_to_match_ordered_list';
const db = testDatabase(`CREATE TABLE t AS SELECT 1 AS c1, 2 AS "it's", 3 AS "we""ird col"`);

describe(T, () => {
  it('passes on the exact order, without a scan', async () => {
    const r = await db.check('t', T, { column_list: ['c1', "it's", 'we"ird col'] });
    expect(r).toMatchObject({ success: true, result: { observed_value: ['c1', "it's", 'we"ird col'] } });
    expect(r.queries).toEqual([]);
    expect((await db.check('t', T, { column_list: null })).success).toBe(true);
  });

  it('lists each position that differs, padding the shorter list with null', async () => {
    const r = await db.check('t', T, { column_list: ["it's", 'c1'] });
    expect(r.success).toBe(false);
    expect(r.result.details).toEqual({
      mismatched: [
        { 'Expected Column Position': 0, Expected: "it's", Found: 'c1' },
        { 'Expected Column Position': 1, Expected: 'c1', Found: "it's" },
        { 'Expected Column Position': 2, Expected: null, Found: 'we"ird col' },
      ],
    });
  });
});
