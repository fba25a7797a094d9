import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_in_type_list';
const db = testDatabase(`CREATE TABLE t (x INTEGER, y DOUBLE, z VARCHAR, b BOOLEAN)`);

describe(T, () => {
  it('succeeds when any listed name is the column type', async () => {
    expect((await db.check('t', T, { column: 'y', type_list: ['DOUBLE_PRECISION', 'FLOAT'] })).success).toBe(true);
    expect((await db.check('t', T, { column: 'z', type_list: ['TEXT', 'VARCHAR', 'INTEGER'] })).success).toBe(true);
    const r = await db.check('t', T, { column: 'x', type_list: ['TEXT', 'BOOLEAN'] });
    expect(r.success).toBe(false);
    expect(r.result).toEqual({ observed_value: 'INTEGER' });
  });

  it('an empty list matches nothing; null matches anything', async () => {
    expect((await db.check('t', T, { column: 'b', type_list: [] })).success).toBe(false);
    expect((await db.check('t', T, { column: 'b', type_list: null })).success).toBe(true);
  });
});
