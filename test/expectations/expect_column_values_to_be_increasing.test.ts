import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_be_increasing';
// Insertion order is file order; `k` only documents it.
const db = testDatabase(
  `CREATE TABLE t (k INTEGER, y INTEGER, b INTEGER, w INTEGER, s VARCHAR, ts TIMESTAMP)`,
  `INSERT INTO t VALUES
      (0, 1, NULL, 1, '2016-01-01', TIMESTAMP '2016-01-01'),
      (1, 1, 0, 2, '2016-01-02', TIMESTAMP '2016-01-02'),
      (2, 1, NULL, 3, '2016-02-02', TIMESTAMP '2016-02-02'),
      (3, 2, NULL, 2, '2016-02-02', TIMESTAMP '2016-02-02'),
      (4, 2, 2, 1, '2016-01-15', TIMESTAMP '2016-01-15'),
      (5, 3, NULL, 5, NULL, NULL),
      (6, 3, 1, 6, '2017-01-01', TIMESTAMP '2017-01-01')`,
);

describe(T, () => {
  it('allows ties unless strictly; the first value always passes', async () => {
    expect((await db.check('t', T, { column: 'y' })).success).toBe(true);
    const r = await db.check('t', T, {
      column: 'y',
      strictly: true,
      result_format: { result_format: 'COMPLETE', unexpected_index_column_names: ['k'] },
    });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({ unexpected_count: 4, unexpected_list: [1, 1, 2, 3] });
    expect(r.result.unexpected_index_list).toEqual([
      { y: 1, k: 1 },
      { y: 1, k: 2 },
      { y: 2, k: 4 },
      { y: 3, k: 6 },
    ]);
  });

  it('compares with the previous non-null value', async () => {
    const r = await db.check('t', T, { column: 'b' });
    expect(r.result).toMatchObject({
      element_count: 7,
      missing_count: 4,
      unexpected_count: 1,
      unexpected_list: [1],
      unexpected_index_list: [6],
    });
  });

  it('counts each drop once and honours mostly', async () => {
    const r = await db.check('t', T, { column: 'w' });
    expect(r.result).toMatchObject({ unexpected_count: 2, unexpected_list: [2, 1] });
    expect((await db.check('t', T, { column: 'w', mostly: 0.7 })).success).toBe(true);
  });

  it('takes "previous" among rows matching row_condition', async () => {
    const r = await db.check('t', T, { column: 'w', row_condition: 'k <> 3 AND k <> 4' });
    expect(r.success).toBe(true);
  });

  it('works on timestamps, and on ISO text with parse_strings_as_datetimes', async () => {
    expect((await db.check('t', T, { column: 'ts' })).result).toMatchObject({ unexpected_count: 1, unexpected_index_list: [4] });
    expect((await db.check('t', T, { column: 's', parse_strings_as_datetimes: true })).result).toMatchObject({ unexpected_count: 1 });
  });

  it('is vacuously true on an empty table', async () => {
    await db.conn.exec('CREATE TABLE e (v INTEGER)');
    expect((await db.check('e', T, { column: 'v' })).success).toBe(true);
  });
});
