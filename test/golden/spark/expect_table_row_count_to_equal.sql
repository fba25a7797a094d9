-- expect_table_row_count_to_equal on spark: {"value":8}
-- fused
SELECT count(*) AS m0 FROM `golden`;
