-- expect_column_unique_value_count_to_be_between on spark: {"column":"status","min_value":1,"max_value":5}
-- fused
SELECT count(DISTINCT `status`) AS m0 FROM `golden`;
