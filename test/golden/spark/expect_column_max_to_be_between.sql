-- expect_column_max_to_be_between on spark: {"column":"amount","min_value":0,"max_value":100}
-- fused
SELECT max(`amount`) AS m0 FROM `golden`;
