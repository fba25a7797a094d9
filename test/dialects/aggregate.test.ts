// Aggregates are nodes the dialect spells. An engine without `FILTER (WHERE ...)` is one
// capability flag away: the filter moves inside the aggregate as CASE WHEN, and the results are
// those of the FILTER spelling, on a real DuckDB.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConnection } from '../../src/connections/index.js';
import type { DuckDBConnection } from '../../src/connections/duckdb.js';
import { defineDialect, type Dialect } from '../../src/dialects/base.js';
import { duckdbDialect } from '../../src/dialects/duckdb.js';
import { postgresDialect } from '../../src/dialects/postgres.js';
import { sparkDialect } from '../../src/dialects/spark.js';
import type { Connection } from '../../src/engine/connection.js';
import type { ExpectationConfig } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';

const noFilter: Dialect = defineDialect({
  ...duckdbDialect,
  name: 'duckdb-no-filter',
  capabilities: { ...duckdbDialect.capabilities, aggregateFilter: false },
});

describe('aggregate nodes', () => {
  it('are spelled with FILTER, or with CASE WHEN inside, as the dialect can', () => {
    const f = 'x > 1';
    expect(duckdbDialect.aggregate({ fn: 'count', filter: f })).toBe('count(*) FILTER (WHERE x > 1)');
    expect(noFilter.aggregate({ fn: 'count', filter: f })).toBe('count(CASE WHEN x > 1 THEN 1 END)');
    expect(noFilter.aggregate({ fn: 'count_distinct', arg: ['a', 'b'], filter: f })).toBe(
      'count(DISTINCT CASE WHEN x > 1 THEN (a, b) END)',
    );
    expect(noFilter.aggregate({ fn: 'median', arg: 'x', filter: null })).toBe('median(x)');
    expect(postgresDialect.aggregate({ fn: 'median', arg: 'x', filter: f })).toBe(
      'percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FILTER (WHERE x > 1)',
    );
    expect(postgresDialect.aggregate({ fn: 'quantiles_disc', arg: 'x', quantiles: [0.5] })).toBe(
      'percentile_disc(ARRAY[0.5]::DOUBLE PRECISION[]) WITHIN GROUP (ORDER BY x)',
    );
  });

  it('are spelled for Spark, whose percentile_disc takes numbers only: dates by day, timestamps by microsecond', () => {
    expect(sparkDialect.aggregate({ fn: 'quantiles_disc', arg: 'x', quantiles: [0.5] })).toBe(
      'array(percentile_disc(0.5) WITHIN GROUP (ORDER BY x))',
    );
    expect(sparkDialect.aggregate({ fn: 'quantiles_disc', arg: 'd', quantiles: [0.5], type: 'DATE' })).toBe(
      'array(CAST(date_from_unix_date(CAST(percentile_disc(0.5) WITHIN GROUP (ORDER BY unix_date(d)) AS INT)) AS STRING))',
    );
    expect(sparkDialect.aggregate({ fn: 'quantiles_disc', arg: 't', quantiles: [0], type: 'TIMESTAMP_NTZ', filter: 'ok' })).toBe(
      'array(CAST(CAST(timestamp_micros(CAST(percentile_disc(0) WITHIN GROUP (ORDER BY unix_micros(CAST(t AS TIMESTAMP))) AS BIGINT)) AS TIMESTAMP_NTZ) AS STRING)) FILTER (WHERE ok)',
    );
    // A CTE read several times: computed once where the engine can say so.
    expect(duckdbDialect.cte('g', 'SELECT 1')).toBe('g AS MATERIALIZED (SELECT 1)');
    expect(postgresDialect.cte('g', 'SELECT 1')).toBe('g AS MATERIALIZED (SELECT 1)');
    expect(sparkDialect.cte('g', 'SELECT 1')).toBe('g AS (SELECT 1)');
  });

  describe('on DuckDB, FILTER and CASE WHEN give the same results', () => {
    let duck: DuckDBConnection;
    beforeAll(async () => {
      duck = await openConnection({ kind: 'duckdb' });
      await duck.exec(`CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a', 10.0), (2, 'b', NULL), (3, 'a', 30.0), (4, NULL, 40.0), (5, 'c', 5.0))
        AS v(id, s, amount)`);
    });
    afterAll(async () => duck?.close());

    const on = (dialect: Dialect): Connection => ({
      dialect,
      query: (sql) => duck.query(sql),
      exec: (sql) => duck.exec(sql),
      columns: (relation) => duck.columns(relation),
      engineInfo: () => duck.engineInfo(),
      close: async () => {},
    });
    const rc = { row_condition: 'id > 1', condition_parser: 'great_expectations' };
    const suite: ExpectationConfig[] = [
      { type: 'expect_column_values_to_not_be_null', kwargs: { column: 'amount', ...rc } },
      { type: 'expect_column_mean_to_be_between', kwargs: { column: 'amount', min_value: 0, max_value: 20, ...rc } },
      { type: 'expect_column_median_to_be_between', kwargs: { column: 'amount', min_value: 0, max_value: 100, ...rc } },
      { type: 'expect_column_stdev_to_be_between', kwargs: { column: 'amount', min_value: 0, ...rc } },
      { type: 'expect_column_unique_value_count_to_be_between', kwargs: { column: 's', min_value: 1, max_value: 2, ...rc } },
      {
        type: 'expect_column_quantile_values_to_be_between',
        kwargs: {
          column: 'amount',
          quantile_ranges: {
            quantiles: [0, 0.5, 1],
            value_ranges: [
              [0, 10],
              [0, 50],
              [0, 50],
            ],
          },
          ...rc,
        },
      },
      { type: 'expect_compound_columns_to_be_unique', kwargs: { column_list: ['s', 'id'], ...rc } },
      { type: 'expect_table_row_count_to_equal', kwargs: { value: 4, ...rc } },
    ].map((e) => ({ ...e, severity: 'error' as const }));

    it('for every aggregate kind under a row_condition', async () => {
      const fused: string[] = [];
      const withFilter = await validate(on(duckdbDialect), 't', { name: 'f', expectations: suite }, { catalogue: await loadCatalogue() });
      const withCase = await validate(
        on(noFilter),
        't',
        { name: 'c', expectations: suite },
        { catalogue: await loadCatalogue(), onQuery: (sql, p) => p === 'fused' && fused.push(sql) },
      );
      expect(fused).toHaveLength(1);
      expect(fused[0]).not.toMatch(/FILTER/);
      expect(fused[0]).toMatch(/CASE WHEN/);
      const strip = (r: (typeof withFilter.results)[number]) => ({
        success: r.success,
        result: r.result,
        exception: r.exception_info.exception_message,
      });
      expect(withCase.results.map(strip)).toEqual(withFilter.results.map(strip));
      expect(withFilter.results.map((r) => r.exception_info.exception_message)).toEqual(suite.map(() => null));
      expect(withFilter.results.map((r) => r.success)).toEqual([false, false, true, true, false, true, true, true]);
    });
  });
});
