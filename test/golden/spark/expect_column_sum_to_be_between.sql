-- expect_column_sum_to_be_between on spark: {"column":"a","min_value":0,"max_value":20}
-- fused
SELECT sum(`a`) AS m0 FROM `golden`;
