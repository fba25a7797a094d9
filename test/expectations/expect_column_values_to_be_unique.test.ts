import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_unique';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES
      (1, 1, '1', 'x'), (2, 1, '1', 'x'), (3, 2, '2', 'y'), (NULL, NULL, '2', 'y'), (NULL, 3, NULL, 'z')) v(u, c, m, g)`,
);

describe(T, () => {
  it('takes the fused fast path when distinct = non-null (no GROUP BY query)', async () => {
    const r = await db.check('t', T, { column: 'u' });
    expect(r.success).toBe(true);
    expect(r.result).toMatchObject({ element_count: 5, missing_count: 2, unexpected_count: 0, unexpected_list: [] });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused']);
    expect(r.queries[0]!.sql).toContain('count(DISTINCT "u")');
  });

  it('counts every row of a duplicated value, nulls never duplicates', async () => {
    const r = await db.check('t', T, { column: 'c' });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ unexpected_count: 2, unexpected_list: [1, 1], unexpected_index_list: [0, 1] });
    expect((await db.check('t', T, { column: 'c', mostly: 0.5 })).success).toBe(true);
    const m = await db.check('t', T, { column: 'm' });
    expect(m.result).toMatchObject({ unexpected_count: 4, unexpected_list: ['1', '1', '2', '2'] });
  });

  it('looks for duplicates only among rows matching row_condition', async () => {
    const r = await db.check('t', T, { column: 'c', row_condition: `g <> 'x'` });
    expect(r.success).toBe(true);
    const r2 = await db.check('t', T, { column: 'g', row_condition: 'u >= 2' });
    expect(r2.result).toMatchObject({ element_count: 2, unexpected_count: 0 });
    const r3 = await db.check('t', T, { column: 'g', row_condition: 'c <> 2' });
    expect(r3.result).toMatchObject({ element_count: 3, unexpected_count: 2, unexpected_list: ['x', 'x'] });
  });

  it('is vacuously true on an all-null column', async () => {
    await db.conn.exec('CREATE TABLE n AS SELECT NULL::INTEGER AS v FROM range(3)');
    const r = await db.check('n', T, { column: 'v' });
    expect(r.success).toBe(true);
  });
});
