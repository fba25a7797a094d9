import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_values_to_match_regex';
const db = testDatabase(`CREATE TABLE t AS SELECT * FROM (VALUES ('aaa', 1), ('abb', 22), ('bee', NULL), (NULL, 4), ('a''b', 5)) v(s, n)`);

describe(T, () => {
  it('searches (GE on SQL: column ~ regex), nulls are missing', async () => {
    const r = await db.check('t', T, { column: 's', regex: 'b' });
    expect(r.success).toBe(false);
    expect(r.result).toMatchObject({
      element_count: 5,
      missing_count: 1,
      unexpected_count: 1,
      unexpected_list: ['aaa'],
      unexpected_index_list: [0],
    });
    expect((await db.check('t', T, { column: 's', regex: '^a' })).result).toMatchObject({ unexpected_list: ['bee'] });
    expect((await db.check('t', T, { column: 's', regex: '^a', mostly: 0.75 })).success).toBe(true);
  });

  it('defaults to any value and passes quotes as data', async () => {
    expect((await db.check('t', T, { column: 's' })).success).toBe(true);
    expect((await db.check('t', T, { column: 's', regex: "a'b" })).result).toMatchObject({ unexpected_count: 3 });
  });

  it('matches the text of a non-text column, as GE pandas astype(str)', async () => {
    const r = await db.check('t', T, { column: 'n', regex: '^\\d$' });
    expect(r.result).toMatchObject({ unexpected_count: 1, unexpected_list: [22] });
  });

  it("turns a regex the engine cannot compile into that expectation's exception only", async () => {
    const { results, queries } = await db.checkSuite('t', [
      { type: T, kwargs: { column: 's', regex: '^[ab]' } },
      { type: T, kwargs: { column: 's', regex: '(' } },
      { type: 'expect_column_values_to_not_match_regex', kwargs: { column: 's', regex: 'z' } },
    ]);
    const purposes = queries.map((q) => q.purpose);
    expect(purposes[0]).toBe('fused');
    expect(purposes).toContain('fallback');
    expect(results.map((r) => r.success)).toEqual([true, false, true]);
    expect(results[1]!.exception_info.raised_exception).toBe(true);
    expect(results[1]!.exception_info.exception_message).toMatch(/missing \)/);
    expect(results[0]!.exception_info.raised_exception).toBe(false);
    expect(results[2]!.exception_info.raised_exception).toBe(false);
  });
});
