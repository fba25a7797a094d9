-- expect_column_median_to_be_between on spark: {"column":"amount","min_value":10,"max_value":20}
-- fused
SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY `amount`) AS m0 FROM `golden`;
