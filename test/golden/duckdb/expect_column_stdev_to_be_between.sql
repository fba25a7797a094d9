-- expect_column_stdev_to_be_between on duckdb: {"column":"amount","min_value":0,"max_value":50}
-- fused
SELECT CASE WHEN count(CASE WHEN NOT isfinite(CAST("amount" AS DOUBLE)) THEN 1 END) > 0 THEN CAST('NaN' AS DOUBLE) ELSE stddev_samp(CASE WHEN isfinite(CAST("amount" AS DOUBLE)) THEN "amount" END) END AS m0 FROM "golden";
