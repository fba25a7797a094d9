-- expect_column_max_to_be_between#timestamp on spark: {"column":"created","min_value":"2024-01-01","max_value":"2025-01-01"}
-- fused
SELECT CAST(max(`created`) AS STRING) AS m0 FROM `golden`;
