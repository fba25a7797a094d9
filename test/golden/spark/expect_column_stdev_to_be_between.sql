-- expect_column_stdev_to_be_between on spark: {"column":"amount","min_value":0,"max_value":50}
-- fused
SELECT stddev_samp(`amount`) AS m0 FROM `golden`;
