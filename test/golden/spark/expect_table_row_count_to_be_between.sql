-- expect_table_row_count_to_be_between on spark: {"min_value":1,"max_value":100}
-- fused
SELECT count(*) AS m0 FROM `golden`;
