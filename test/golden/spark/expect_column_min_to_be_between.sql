-- expect_column_min_to_be_between on spark: {"column":"day","min_value":"2024-01-01","max_value":"2024-12-31"}
-- fused
SELECT CAST(min(`day`) AS STRING) AS m0 FROM `golden`;
