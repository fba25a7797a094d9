#!/usr/bin/env node
// (c) One query per expectation, dbt-tests style: each of the 15 reads the file again (nothing is
// loaded into a table first). Usage: node bench/per-expectation.mjs <orders file .csv|.parquet>
import { lit, litList, one, openDuckDB, report, source, suiteKwargs } from './orders.mjs';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/per-expectation.mjs <file>');
const src = source(file);

const { status, amount, created, email, country, quantiles } = suiteKwargs();
const columns = `SELECT list(column_name) AS columns FROM (DESCRIBE SELECT * FROM ${src})`;

const queries = [
  `SELECT count(*) AS row_count FROM ${src}`,
  columns, // columns match ordered list
  columns, // column exists: its own look at the schema, as a separate test would
  `SELECT count(*) AS order_id_nulls FROM ${src} WHERE order_id IS NULL`,
  // dbt `unique`: values occurring more than once
  `SELECT count(*) AS order_id_dupes FROM (
     SELECT order_id FROM ${src} WHERE order_id IS NOT NULL GROUP BY order_id HAVING count(*) > 1)`,
  `SELECT count(*) AS customer_id_nulls FROM ${src} WHERE customer_id IS NULL`,
  `SELECT count(status) AS status_nonnull,
          count(*) FILTER (WHERE status NOT IN (${litList(status.value_set)})) AS status_not_in_set FROM ${src}`,
  `SELECT count(amount) AS amount_nonnull,
          count(*) FILTER (WHERE amount < ${lit(amount.min_value)} OR amount > ${lit(amount.max_value)}) AS amount_out_of_range
   FROM ${src}`,
  `SELECT avg(amount) AS amount_mean FROM ${src}`,
  `SELECT count(email) AS email_nonnull,
          count(*) FILTER (WHERE NOT regexp_matches(email, ${lit(email.regex)})) AS email_no_match FROM ${src}`,
  `SELECT count(created_at) AS created_at_nonnull,
          count(*) FILTER (WHERE created_at < TIMESTAMP ${lit(created.min_value)}
                              OR created_at > TIMESTAMP ${lit(created.max_value)}) AS created_at_out_of_range
   FROM ${src}`,
  `SELECT count(country) AS country_nonnull,
          count(*) FILTER (WHERE length(country) <> ${lit(country.value)}) AS country_bad_length FROM ${src}`,
  // dbt_utils `unique_combination_of_columns`
  `SELECT count(*) AS compound_dupes FROM (
     SELECT order_id, customer_id FROM ${src} WHERE order_id IS NOT NULL OR customer_id IS NOT NULL
     GROUP BY order_id, customer_id HAVING count(*) > 1)`,
  `SELECT quantile_disc(amount, [${quantiles.join(', ')}]) AS amount_quantiles FROM ${src}`,
  `SELECT count(DISTINCT status) AS status_distinct FROM ${src}`,
];

const con = await openDuckDB();
const metrics = {};
for (const sql of queries) Object.assign(metrics, await one(con, sql));
report(metrics);
