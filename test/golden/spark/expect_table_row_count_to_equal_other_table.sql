-- expect_table_row_count_to_equal_other_table on spark: {"other_table_name":"golden_other"}
-- fused
SELECT count(*) AS m0 FROM `golden`;
-- follow-up
SELECT count(*) AS n FROM `golden_other`;
