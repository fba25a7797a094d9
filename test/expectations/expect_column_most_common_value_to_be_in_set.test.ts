import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_most_common_value_to_be_in_set';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES (2, 'jello'), (1, 'hello'), (1, 'jello'), (2, NULL), (NULL, NULL), (NULL, NULL)) v(x, s)`,
  `CREATE TABLE e (x INTEGER)`,
);

describe(T, () => {
  it('reports every most common value, sorted; nulls are not counted', async () => {
    expect(await db.check('t', T, { column: 'x', value_set: [1] })).toMatchObject({ success: false, result: { observed_value: [1, 2] } });
    expect(await db.check('t', T, { column: 's', value_set: ['jello', 'x'] })).toMatchObject({
      success: true,
      result: { observed_value: ['jello'] },
    });
  });

  it('a tie fails unless ties_okay, which needs one of the tied values in the set', async () => {
    expect((await db.check('t', T, { column: 'x', value_set: [1, 2] })).success).toBe(false);
    expect((await db.check('t', T, { column: 'x', value_set: [2], ties_okay: true })).success).toBe(true);
    expect((await db.check('t', T, { column: 'x', value_set: [3], ties_okay: true })).success).toBe(false);
  });

  it('an empty column has no most common value', async () => {
    expect(await db.check('e', T, { column: 'x', value_set: [1] })).toMatchObject({ success: false, result: { observed_value: [] } });
  });
});
