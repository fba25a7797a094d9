// Issue 11, finding 12: a result never lists a column's every distinct value. observed_value
// lists are capped like samples, with the count beside them, at every result_format.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { Suite } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';

const catalogue = await loadCatalogue();
let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await DuckDBConnection.open();
  // 300,000 distinct values, each once: every value is a mode (Math.max(...) overflowed there).
  await conn.exec('CREATE TABLE t AS SELECT range AS v FROM range(300000)');
  await conn.exec('CREATE TABLE mid AS SELECT range AS v FROM range(5000)');
});
afterAll(() => conn.close());

const run = (type: string, kwargs: Record<string, unknown>, table = 't') =>
  validate(conn, table, { name: 's', expectations: [{ type, kwargs: { column: 'v', ...kwargs }, severity: 'error' }] } as Suite, {
    catalogue,
  });

describe('observed values are bounded', () => {
  for (const type of ['expect_column_distinct_values_to_be_in_set', 'expect_column_distinct_values_to_equal_set']) {
    it(`${type}: at most 1,000 values and their count, even at COMPLETE`, async () => {
      const res = await run(type, { value_set: [1, 2], result_format: 'COMPLETE' }, 'mid');
      const r = res.results[0]!;
      expect(r.exception_info.raised_exception).toBe(false);
      expect(r.success).toBe(false);
      expect(r.result.observed_value).toHaveLength(1000);
      expect((r.result.observed_value as number[]).slice(0, 3)).toEqual([0, 1, 2]);
      expect(r.result.observed_value_count).toBe(5000);
      expect((r.result.details as { value_counts: unknown[] }).value_counts).toHaveLength(1000);
    });
  }

  it('expect_column_most_common_value_to_be_in_set: many tied counts do not overflow the stack', async () => {
    const res = await run('expect_column_most_common_value_to_be_in_set', { value_set: [5], ties_okay: true });
    const r = res.results[0]!;
    expect(r.exception_info.exception_message).toBeNull();
    expect(r.success).toBe(true);
    expect(r.result.observed_value).toHaveLength(1000);
    expect(r.result.observed_value_count).toBe(300000);
  });

  it('a small set is reported whole, without a count', async () => {
    await conn.exec('CREATE TABLE small AS SELECT * FROM (VALUES (1), (2), (2)) v(v)');
    const res = await validate(
      conn,
      'small',
      {
        name: 's',
        expectations: [
          { type: 'expect_column_distinct_values_to_be_in_set', kwargs: { column: 'v', value_set: [1, 2] }, severity: 'error' },
        ],
      } as Suite,
      { catalogue },
    );
    expect(res.results[0]!.result).toEqual({
      observed_value: [1, 2],
      details: {
        value_counts: [
          { value: 1, count: 1 },
          { value: 2, count: 2 },
        ],
      },
    });
  });
});
