-- expect_table_row_count_to_be_between on postgres: {"min_value":1,"max_value":100}
-- fused
SELECT count(*) AS m0 FROM "golden";
