import { describe, expect, it } from 'vitest';
import { testDatabase } from './helpers.js';

const T = 'expect_column_min_to_be_between';
const db = testDatabase(
  `CREATE TABLE t AS SELECT * FROM (VALUES
       (3, TIMESTAMP '2001-01-01 12:00:01.5', DATE '2020-02-03', 'b'),
       (NULL, NULL, NULL, NULL),
       (7, TIMESTAMP '2002-01-01 00:00:00', DATE '2020-01-05', 'a')) v("we'ird", ts, d, s)`,
);

describe(T, () => {
  it('judges the minimum of the non-null values, bounds inclusive unless strict', async () => {
    const r = await db.check('t', T, { column: "we'ird", min_value: 3, max_value: 5 });
    expect(r).toMatchObject({ success: true, result: { observed_value: 3 } });
    expect(r.queries.map((q) => q.purpose)).toEqual(['fused']);
    expect((await db.check('t', T, { column: "we'ird", min_value: 3, strict_min: true })).success).toBe(false);
    expect((await db.check('t', T, { column: "we'ird", max_value: '2' })).success).toBe(false);
  });

  it('both bounds absent is vacuously true; an empty selection fails with a null observed value', async () => {
    expect((await db.check('t', T, { column: "we'ird" })).success).toBe(true);
    const r = await db.check('t', T, { column: "we'ird", min_value: 0, row_condition: `"we'ird" > 100` });
    expect(r).toMatchObject({ success: false, result: { observed_value: null } });
  });

  it('compares dates and timestamps with ISO bounds and reports isoformat text', async () => {
    const r = await db.check('t', T, { column: 'ts', min_value: '2001-01-01T12:00:01', max_value: '2001-01-01 12:00:02' });
    expect(r).toMatchObject({ success: true, result: { observed_value: '2001-01-01T12:00:01.500000' } });
    expect((await db.check('t', T, { column: 'ts', min_value: '2001-01-01T12:00:01.6' })).success).toBe(false);
    const d = await db.check('t', T, { column: 'd', min_value: '2020-01-05', max_value: '2020-01-05' });
    expect(d).toMatchObject({ success: true, result: { observed_value: '2020-01-05' } });
  });

  it('refuses bounds that are neither numbers nor ISO dates, as GE (pydantic) does', async () => {
    const r = await db.check('t', T, { column: "we'ird", min_value: 'soon' });
    expect(r.exception_info.exception_message).toMatch(/invalid datetime format/);
    const n = await db.check('t', T, { column: 'ts', min_value: 3 });
    expect(n.exception_info.exception_message).toMatch(/not supported between instances of 'datetime' and 'float'/);
  });

  it('returns an empty result for BOOLEAN_ONLY', async () => {
    const r = await db.check('t', T, { column: 's', min_value: '2001-01-01', result_format: 'BOOLEAN_ONLY' });
    expect(r.exception_info.exception_message).toMatch(/Could not parse "metric_value"/);
    expect(await db.check('t', T, { column: "we'ird", min_value: 1, result_format: 'BOOLEAN_ONLY' })).toMatchObject({
      success: true,
      result: {},
    });
  });
});
