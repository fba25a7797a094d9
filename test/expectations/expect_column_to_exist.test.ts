import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_to_exist';
const db = testDatabase(`CREATE TABLE t AS SELECT 1 AS c1, 2 AS "we""ird col", 3 AS c3`);

describe(T, () => {
  it('a missing column is a failure, not an error, and needs no scan', async () => {
    const ok = await db.check('t', T, { column: 'we"ird col' });
    expect(ok).toMatchObject({ success: true, result: {} });
    expect(ok.queries).toEqual([]);
    const r = await db.check('t', T, { column: 'covfefe' });
    expect(r.success).toBe(false);
    expect(r.exception_info.raised_exception).toBe(false);
  });

  it('checks column_index as GE does (0 means any position, negative counts from the end)', async () => {
    expect((await db.check('t', T, { column: 'we"ird col', column_index: 1 })).success).toBe(true);
    expect((await db.check('t', T, { column: 'c3', column_index: 4 })).success).toBe(false);
    expect((await db.check('t', T, { column: 'c3', column_index: 0 })).success).toBe(true);
    expect((await db.check('t', T, { column: 'c3', column_index: -1 })).success).toBe(true);
  });
});
