// The golden-SQL fixture: one small table, built from the same DDL on every engine, and one
// representative kwargs per expectation type (some types have a second variant). A new type
// needs an entry here; the golden test says so.

/** The same DDL on DuckDB and PostgreSQL (DuckDB reads TEXT as VARCHAR, DOUBLE PRECISION as DOUBLE). */
export const TABLE_DDL = `CREATE TABLE golden (
  id INTEGER, a INTEGER, b INTEGER, amount DOUBLE PRECISION, status TEXT, email TEXT, code TEXT,
  created TIMESTAMP, day DATE, flag BOOLEAN, doc TEXT, when_text TEXT, note TEXT)`;

export const TABLE_ROWS = `INSERT INTO golden VALUES
  (1, 1, 0, 10.5, 'paid', 'ann@x.com', 'US', TIMESTAMP '2024-01-01 10:00:00', DATE '2024-01-01', TRUE, '{"a": 1}', '2024-01-01', NULL),
  (2, 2, 1, 20, 'paid', 'bob@x.com', 'DE', TIMESTAMP '2024-01-02 11:30:00', DATE '2024-01-02', FALSE, '[1, 2]', '2024-01-02', NULL),
  (3, 1, 1, 30, 'shipped', 'not an email', 'FR', TIMESTAMP '2024-01-03 12:00:00', DATE '2024-01-03', TRUE, 'NaN', '2024-02-30', NULL),
  (4, 3, 2, 5, 'lost', 'cy@y.org', 'USA', TIMESTAMP '2024-01-04 00:00:00', DATE '2024-01-04', NULL, '{"b": [1, 2,]}', '2024-01-04', NULL),
  (5, 2, 2, NULL, 'paid', NULL, 'GB', TIMESTAMP '2024-01-05 08:15:00', DATE '2024-01-05', FALSE, 'true', 'Jan 5 2024', NULL),
  (6, 4, 1, 200, 'shipped', 'dee@x.com', 'IT', TIMESTAMP '2025-06-01 00:00:00', DATE '2025-06-01', TRUE, '[1, 2', 'not a date', NULL),
  (7, 5, 3, 15, 'paid', 'eve@x.com', 'ES', NULL, NULL, TRUE, '"x"', '2024-01-07', NULL),
  (8, 1, 0, -3, 'paid', 'fay@x.com', 'PT', TIMESTAMP '2024-01-08 09:00:00', DATE '2024-01-08', FALSE, '1e5', '2024-01-08', NULL);
CREATE TABLE golden_other (x INTEGER);
INSERT INTO golden_other VALUES (1), (2), (3)`;

/**
 * The same tables on Spark, as temporary views of the same rows (TABLE_ROWS' literals are valid
 * Spark SQL): the session's own, so parallel test files never meet.
 */
export const SPARK_TABLES = [
  `CREATE OR REPLACE TEMPORARY VIEW golden AS SELECT CAST(id AS INT) AS id, CAST(a AS INT) AS a, CAST(b AS INT) AS b,
  CAST(amount AS DOUBLE) AS amount, status, email, code, created, day, flag, doc, when_text, CAST(note AS STRING) AS note
  FROM VALUES ${TABLE_ROWS.slice(TABLE_ROWS.indexOf('VALUES') + 6, TABLE_ROWS.indexOf(';'))}
  AS t(id, a, b, amount, status, email, code, created, day, flag, doc, when_text, note)`,
  'CREATE OR REPLACE TEMPORARY VIEW golden_other AS SELECT CAST(x AS INT) AS x FROM VALUES (1), (2), (3) AS t(x)',
];

/** The columns each engine reports for the table (checked against the engines when they run). */
export const COLUMNS: Record<string, { name: string; type: string }[]> = {
  duckdb: [
    ['id', 'INTEGER'],
    ['a', 'INTEGER'],
    ['b', 'INTEGER'],
    ['amount', 'DOUBLE'],
    ['status', 'VARCHAR'],
    ['email', 'VARCHAR'],
    ['code', 'VARCHAR'],
    ['created', 'TIMESTAMP'],
    ['day', 'DATE'],
    ['flag', 'BOOLEAN'],
    ['doc', 'VARCHAR'],
    ['when_text', 'VARCHAR'],
    ['note', 'VARCHAR'],
  ].map(([name, type]) => ({ name: name!, type: type! })),
  postgres: [
    ['id', 'INTEGER'],
    ['a', 'INTEGER'],
    ['b', 'INTEGER'],
    ['amount', 'DOUBLE PRECISION'],
    ['status', 'TEXT'],
    ['email', 'TEXT'],
    ['code', 'TEXT'],
    ['created', 'TIMESTAMP'],
    ['day', 'DATE'],
    ['flag', 'BOOLEAN'],
    ['doc', 'TEXT'],
    ['when_text', 'TEXT'],
    ['note', 'TEXT'],
  ].map(([name, type]) => ({ name: name!, type: type! })),
  spark: [
    ['id', 'INT'],
    ['a', 'INT'],
    ['b', 'INT'],
    ['amount', 'DOUBLE'],
    ['status', 'STRING'],
    ['email', 'STRING'],
    ['code', 'STRING'],
    ['created', 'TIMESTAMP'],
    ['day', 'DATE'],
    ['flag', 'BOOLEAN'],
    ['doc', 'STRING'],
    ['when_text', 'STRING'],
    ['note', 'STRING'],
  ].map(([name, type]) => ({ name: name!, type: type! })),
};

const COLUMN_NAMES = COLUMNS.duckdb!.map((c) => c.name);
const SUMMARY = { result_format: 'SUMMARY' };

/** `<type>` or `<type>#<variant>` → kwargs. */
export const CASES: Record<string, Record<string, unknown>> = {
  expect_column_bootstrapped_ks_test_p_value_to_be_greater_than: {
    column: 'amount',
    partition_object: { bins: [-10, 0, 50, 1000], weights: [0.1, 0.6, 0.3] },
    p: 0.05,
    bootstrap_samples: 20,
  },
  expect_column_chisquare_test_p_value_to_be_greater_than: {
    column: 'status',
    partition_object: { values: ['paid', 'shipped', 'lost'], weights: [0.6, 0.3, 0.1] },
    p: 0.05,
  },
  expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than: {
    column: 'amount',
    distribution: 'norm',
    params: { mean: 30, std_dev: 60 },
    p_value: 0.05,
  },
  expect_column_distinct_values_to_be_in_set: { column: 'status', value_set: ['paid', 'shipped'] },
  expect_column_distinct_values_to_contain_set: { column: 'status', value_set: ['paid', 'lost'] },
  expect_column_distinct_values_to_equal_set: { column: 'status', value_set: ['paid', 'shipped', 'lost'] },
  expect_column_kl_divergence_to_be_less_than: {
    column: 'amount',
    partition_object: { bins: [-10, 0, 50, 1000], weights: [0.1, 0.6, 0.3] },
    threshold: 0.5,
  },
  'expect_column_kl_divergence_to_be_less_than#categorical': {
    column: 'status',
    partition_object: { values: ['paid', 'shipped', 'lost'], weights: [0.5, 0.3, 0.2] },
    threshold: 0.1,
  },
  expect_column_max_to_be_between: { column: 'amount', min_value: 0, max_value: 100 },
  'expect_column_max_to_be_between#timestamp': { column: 'created', min_value: '2024-01-01', max_value: '2025-01-01' },
  expect_column_mean_to_be_between: { column: 'amount', min_value: 0, max_value: 100, row_condition: 'flag = TRUE' },
  expect_column_median_to_be_between: { column: 'amount', min_value: 10, max_value: 20 },
  expect_column_min_to_be_between: { column: 'day', min_value: '2024-01-01', max_value: '2024-12-31' },
  expect_column_most_common_value_to_be_in_set: { column: 'status', value_set: ['paid'] },
  expect_column_pair_cramers_phi_value_to_be_less_than: {
    column_A: 'status',
    column_B: 'code',
    bins_B: [
      ['US', 'USA'],
      ['DE', 'FR', 'IT'],
    ],
    threshold: 0.5,
  },
  expect_column_pair_values_A_to_be_greater_than_B: { column_A: 'a', column_B: 'b', or_equal: true },
  expect_column_pair_values_a_to_be_greater_than_b: { column_A: 'a', column_B: 'b', result_format: SUMMARY },
  expect_column_pair_values_to_be_equal: { column_A: 'a', column_B: 'b' },
  expect_column_pair_values_to_be_in_set: {
    column_A: 'a',
    column_B: 'b',
    value_pairs_set: [
      [1, 0],
      [2, 1],
      [1, 1],
    ],
  },
  expect_column_proportion_of_unique_values_to_be_between: { column: 'status', min_value: 0.1, max_value: 0.5 },
  expect_column_quantile_values_to_be_between: {
    column: 'amount',
    quantile_ranges: {
      quantiles: [0.25, 0.5, 0.75],
      value_ranges: [
        [0, 10],
        [10, 20],
        [20, 40],
      ],
    },
  },
  expect_column_stdev_to_be_between: { column: 'amount', min_value: 0, max_value: 50 },
  expect_column_sum_to_be_between: { column: 'a', min_value: 0, max_value: 20 },
  expect_column_to_exist: { column: 'email', column_index: 5 },
  expect_column_unique_value_count_to_be_between: { column: 'status', min_value: 1, max_value: 5 },
  expect_column_value_lengths_to_be_between: { column: 'code', min_value: 2, max_value: 2, result_format: SUMMARY },
  expect_column_value_lengths_to_equal: { column: 'code', value: 2 },
  expect_column_value_z_scores_to_be_less_than: { column: 'amount', threshold: 2, double_sided: true },
  expect_column_values_to_be_between: { column: 'amount', min_value: 0, max_value: 100, mostly: 0.9, result_format: SUMMARY },
  'expect_column_values_to_be_between#timestamp': { column: 'created', min_value: '2024-01-01T00:00:00', max_value: '2025-01-01T00:00:00' },
  expect_column_values_to_be_dateutil_parseable: { column: 'when_text' },
  expect_column_values_to_be_decreasing: { column: 'amount' },
  expect_column_values_to_be_in_set: { column: 'status', value_set: ['paid', 'shipped'], result_format: SUMMARY },
  'expect_column_values_to_be_in_set#date': { column: 'day', value_set: ['2024-01-01', '2024-01-02', 'not a date'] },
  expect_column_values_to_be_in_type_list: { column: 'amount', type_list: ['DOUBLE_PRECISION', 'FLOAT'] },
  expect_column_values_to_be_increasing: { column: 'id', strictly: true },
  expect_column_values_to_be_json_parseable: { column: 'doc' },
  expect_column_values_to_be_null: { column: 'note' },
  expect_column_values_to_be_of_type: { column: 'id', type_: 'INTEGER' },
  expect_column_values_to_be_unique: { column: 'a' },
  'expect_column_values_to_be_unique#clean': { column: 'id' },
  expect_column_values_to_match_json_schema: { column: 'doc', json_schema: { type: 'object' }, row_condition: 'id IN (1, 2)' },
  expect_column_values_to_match_like_pattern: { column: 'email', like_pattern: '%@%.com' },
  expect_column_values_to_match_like_pattern_list: { column: 'email', like_pattern_list: ['%@x.com', '%.org'], match_on: 'any' },
  expect_column_values_to_match_regex: { column: 'email', regex: '^[a-z]+@[a-z]+\\.(com|org)$', result_format: SUMMARY },
  expect_column_values_to_match_regex_list: { column: 'email', regex_list: ['@', '\\.com$'], match_on: 'all' },
  expect_column_values_to_match_strftime_format: { column: 'when_text', strftime_format: '%Y-%m-%d' },
  expect_column_values_to_not_be_in_set: { column: 'status', value_set: ['lost'] },
  expect_column_values_to_not_be_null: { column: 'email', mostly: 0.5 },
  expect_column_values_to_not_match_like_pattern: { column: 'email', like_pattern: '% %' },
  expect_column_values_to_not_match_like_pattern_list: { column: 'email', like_pattern_list: ['% %', '%.org'] },
  expect_column_values_to_not_match_regex: { column: 'email', regex: '\\s' },
  expect_column_values_to_not_match_regex_list: { column: 'email', regex_list: ['\\s', '^x'] },
  expect_compound_columns_to_be_unique: { column_list: ['a', 'b'] },
  expect_column_max_to_be_within: { column: 'created', max_age: '24h' },
  expect_metric_to_be_within_history: { metric: 'mean', column: 'amount', method: 'z_score' },
  expect_multicolumn_sum_to_equal: { column_list: ['a', 'b'], sum_total: 3 },
  expect_multicolumn_values_to_be_unique: { column_list: ['a', 'b'] },
  expect_select_column_values_to_be_unique_within_record: { column_list: ['a', 'b'] },
  expect_table_column_count_to_be_between: { min_value: 1, max_value: 20 },
  expect_table_column_count_to_equal: { value: COLUMN_NAMES.length },
  expect_table_columns_to_match_ordered_list: { column_list: COLUMN_NAMES },
  expect_table_columns_to_match_set: { column_set: ['id', 'a', 'b'], exact_match: false },
  expect_table_row_count_to_be_between: { min_value: 1, max_value: 100 },
  expect_table_row_count_to_equal: { value: 8 },
  expect_table_row_count_to_be_within_history: {},
  expect_table_schema_to_match_previous: { allow: ['added'] },
  expect_table_row_count_to_equal_other_table: { other_table_name: 'golden_other' },
  expect_column_values_to_be_in_other_table: { column: 'a', other_table: 'golden_other', other_column: 'x', result_format: SUMMARY },
  // The table against itself, this side cut by a row condition: rows 7 and 8 are missing.
  expect_table_to_match_other_table: {
    other_table: 'golden',
    key: ['id'],
    compare_columns: ['a', 'amount', 'status'],
    row_condition: 'id <= 6',
  },
  expect_table_aggregates_to_match_other_table: {
    other_table: 'golden',
    group_by: ['status'],
    sum_columns: ['amount'],
    distinct_columns: ['a'],
    tolerance: 0.5,
    row_condition: 'id <= 6',
  },
  unexpected_rows_expectation: { unexpected_rows_query: 'SELECT * FROM {batch} WHERE amount < 0' },
};

/**
 * Result keys whose value is the engine's own spelling (type names), and so differs between
 * engines by design; they are left out of the cross-engine comparison.
 */
export const ENGINE_SPECIFIC: Record<string, string[]> = {
  expect_column_values_to_be_of_type: ['observed_value'],
  expect_column_values_to_be_in_type_list: ['observed_value'],
  expect_table_schema_to_match_previous: ['observed_value'],
  // The age is measured at each engine's own run clock.
  expect_column_max_to_be_within: ['details'],
};

/**
 * Types a dialect cannot run yet, with the reason; the test checks that they raise (so the
 * entry must go when the type learns the dialect).
 */
export const UNSUPPORTED: Record<string, Record<string, string>> = {};
