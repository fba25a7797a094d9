// A suite's `key:` names the columns that identify a row: samples of unexpected values come back
// with them (GE's unexpected_index_column_names), instead of row numbers, on any engine.
import { describe, expect, it } from 'vitest';
import { parseSuite } from '../../src/config/suite.js';
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import { validate } from '../../src/engine/validate.js';

const SUITE = `name: keyed
key: [region, id]
expectations:
  - type: expect_column_values_to_be_between
    kwargs: {column: amount, min_value: 0, result_format: SUMMARY}
  - type: expect_column_values_to_not_be_null
    kwargs: {column: amount, result_format: {result_format: SUMMARY, unexpected_index_column_names: [id]}}
  - type: expect_table_row_count_to_equal
    kwargs: {value: 4}
`;

describe('suite key', () => {
  it('samples carry the key columns; an expectation may name its own', async () => {
    const suite = parseSuite(SUITE, 'keyed.yml', await (await loadCatalogue()).load());
    expect(suite.key).toEqual(['region', 'id']);
    const conn = await DuckDBConnection.open();
    try {
      await conn.exec(
        `CREATE TABLE t AS SELECT * FROM (VALUES ('eu', 1, 5.0), ('eu', 2, -1.0), ('us', 1, NULL), ('us', 2, -2.0)) AS v(region, id, amount)`,
      );
      const queries: string[] = [];
      const res = await validate(conn, 't', suite, { catalogue: await loadCatalogue(), onQuery: (sql) => queries.push(sql) });
      const [between, notNull, rows] = res.results;
      expect(between!.result.partial_unexpected_index_list).toEqual([
        { amount: -1, region: 'eu', id: 2 },
        { amount: -2, region: 'us', id: 2 },
      ]);
      expect(notNull!.result.partial_unexpected_index_list).toEqual([{ amount: null, id: 1 }]);
      expect(rows!.success).toBe(true);
      // Keyed samples need no row numbering pass.
      expect(queries.some((q) => q.includes('row_number()'))).toBe(false);
    } finally {
      await conn.close();
    }
  });

  it('a key that is not a column name list is refused', async () => {
    const catalogue = await (await loadCatalogue()).load();
    expect(() => parseSuite(SUITE.replace('key: [region, id]', 'key: 5'), 'bad.yml', catalogue)).toThrow(/key/);
    expect(() => parseSuite(SUITE.replace('key: [region, id]', 'key: []'), 'bad.yml', catalogue)).toThrow(/key/);
  });
});
