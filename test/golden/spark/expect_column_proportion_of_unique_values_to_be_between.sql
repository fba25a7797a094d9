-- expect_column_proportion_of_unique_values_to_be_between on spark: {"column":"status","min_value":0.1,"max_value":0.5}
-- fused
SELECT count(DISTINCT `status`) AS m0, count(`status`) AS m1 FROM `golden`;
