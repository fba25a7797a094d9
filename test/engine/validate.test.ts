import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { validate } from '../../src/engine/validate.js';
import type { Suite } from '../../src/engine/types.js';

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await DuckDBConnection.open();
  await conn.exec(`CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (3, NULL), (40, 'd')) v(x, "we'ird col")`);
});
afterAll(() => conn.close());

const suite = (expectations: Suite['expectations']): Suite => ({ name: 's', expectations });

describe('validate', () => {
  it('fuses scalar metrics into one scan and judges each expectation', async () => {
    const queries: string[] = [];
    const res = await validate(
      conn,
      't',
      suite([
        { type: 'expect_column_values_to_be_between', kwargs: { column: 'x', min_value: 0, max_value: 10 }, severity: 'error' },
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: "we'ird col" }, severity: 'warning' },
        { type: 'expect_table_row_count_to_be_between', kwargs: { min_value: 1, max_value: 10 }, severity: 'error' },
        { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'nope' }, severity: 'error' },
      ]),
      { catalogue: await loadCatalogue(), onQuery: (sql, purpose) => queries.push(purpose) },
    );
    expect(queries.filter((q) => q === 'fused')).toHaveLength(1);
    expect(res.results.map((r) => r.success)).toEqual([false, false, true, false]);
    expect(res.results[0]!.result).toMatchObject({ element_count: 4, unexpected_count: 1, partial_unexpected_list: [40] });
    expect(res.results[1]!.result).toMatchObject({ unexpected_count: 1 });
    expect(res.results[3]!.exception_info.raised_exception).toBe(true);
    expect(res.results[3]!.exception_info.exception_message).toMatch(/column "nope" does not exist/);
    expect(res.statistics).toMatchObject({ evaluated_expectations: 4, successful_expectations: 1 });
  });
});
