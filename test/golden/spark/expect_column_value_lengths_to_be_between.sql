-- expect_column_value_lengths_to_be_between on spark: {"column":"code","min_value":2,"max_value":2,"result_format":{"result_format":"SUMMARY"}}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `code` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`code` IS NULL)) AND (NOT (char_length(`code`) >= 2 AND char_length(`code`) <= 2))) AS m2 FROM `golden`;
