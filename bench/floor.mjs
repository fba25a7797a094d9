#!/usr/bin/env node
// (b) The floor: ONE hand-written SELECT computing every metric of the 15 expectations in a
// single scan of the file. Usage: node bench/floor.mjs <orders file .csv|.parquet>
import { lit, litList, one, openDuckDB, report, source, suiteKwargs } from './orders.mjs';

const file = process.argv[2];
if (!file) throw new Error('usage: node bench/floor.mjs <file>');
const src = source(file);

const { status, amount, created, email, country, quantiles } = suiteKwargs();

// The column list is schema, not data: DESCRIBE reads only the CSV sniff sample / Parquet footer,
// and as a scalar subquery it keeps this one statement.
const con = await openDuckDB();
const metrics = await one(
  con,
  `
SELECT
  (SELECT list(column_name) FROM (DESCRIBE SELECT * FROM ${src}))                  AS columns,
  count(*)                                                                        AS row_count,
  count(*) FILTER (WHERE order_id IS NULL)                                        AS order_id_nulls,
  count(order_id) - count(DISTINCT order_id)                                      AS order_id_dupes,
  count(*) FILTER (WHERE customer_id IS NULL)                                     AS customer_id_nulls,
  count(status)                                                                   AS status_nonnull,
  count(*) FILTER (WHERE status NOT IN (${litList(status.value_set)}))            AS status_not_in_set,
  count(amount)                                                                   AS amount_nonnull,
  count(*) FILTER (WHERE amount < ${lit(amount.min_value)} OR amount > ${lit(amount.max_value)}) AS amount_out_of_range,
  avg(amount)                                                                     AS amount_mean,
  count(email)                                                                    AS email_nonnull,
  count(*) FILTER (WHERE NOT regexp_matches(email, ${lit(email.regex)}))          AS email_no_match,
  count(created_at)                                                               AS created_at_nonnull,
  count(*) FILTER (WHERE created_at < TIMESTAMP ${lit(created.min_value)}
                      OR created_at > TIMESTAMP ${lit(created.max_value)})        AS created_at_out_of_range,
  count(country)                                                                  AS country_nonnull,
  count(*) FILTER (WHERE length(country) <> ${lit(country.value)})                AS country_bad_length,
  -- GE skips rows whose compound columns are all missing
  count(*) FILTER (WHERE order_id IS NOT NULL OR customer_id IS NOT NULL)
    - count(DISTINCT (order_id, customer_id)) FILTER (WHERE order_id IS NOT NULL OR customer_id IS NOT NULL) AS compound_dupes,
  quantile_disc(amount, [${quantiles.join(', ')}])                                AS amount_quantiles,
  count(DISTINCT status)                                                          AS status_distinct
FROM ${src}`,
);
report(metrics);
