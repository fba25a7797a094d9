-- expect_column_median_to_be_between on duckdb: {"column":"amount","min_value":10,"max_value":20}
-- fused
SELECT median("amount") AS m0 FROM "golden";
