import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_table_columns_to_match_set';
const db = testDatabase(`CREATE TABLE t AS SELECT 1 AS "z col", 2 AS a, 3 AS "we""ird"`);

describe(T, () => {
  it('matches in any order and reports the columns in table order (GE), without a scan', async () => {
    const r = await db.check('t', T, { column_set: ['a', 'we"ird', 'z col'] });
    expect(r).toMatchObject({ success: true, result: { observed_value: ['z col', 'a', 'we"ird'], details: { mismatched: {} } } });
    expect(r.queries).toEqual([]);
  });

  it('reports the columns sorted when the sets differ, as GE does', async () => {
    const r = await db.check('t', T, { column_set: ['a'], exact_match: false });
    expect(r).toMatchObject({ success: true, result: { observed_value: ['a', 'we"ird', 'z col'] } });
  });

  it('exact_match (default) fails on extra columns; exact_match false only on missing ones', async () => {
    const r = await db.check('t', T, { column_set: ['a', 'b'] });
    expect(r).toMatchObject({ success: false, result: { details: { mismatched: { unexpected: ['we"ird', 'z col'], missing: ['b'] } } } });
    expect((await db.check('t', T, { column_set: ['a'], exact_match: false })).success).toBe(true);
    expect((await db.check('t', T, { column_set: ['a', 'b'], exact_match: false })).success).toBe(false);
  });

  it('a null set is vacuously true without exact_match, and matches nothing with it', async () => {
    expect(await db.check('t', T, { column_set: null, exact_match: false })).toMatchObject({
      success: true,
      result: { observed_value: ['z col', 'a', 'we"ird'] },
    });
    expect(await db.check('t', T, { column_set: null })).toMatchObject({
      success: false,
      result: { details: { mismatched: { unexpected: ['a', 'we"ird', 'z col'] } } },
    });
  });
});
