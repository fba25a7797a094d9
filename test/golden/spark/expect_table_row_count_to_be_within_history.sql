-- expect_table_row_count_to_be_within_history on spark: {}
-- fused
SELECT count(*) AS m0 FROM `golden`;
