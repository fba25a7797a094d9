-- expect_column_values_to_be_between on spark: {"column":"amount","min_value":0,"max_value":100,"mostly":0.9,"result_format":{"result_format":"SUMMARY"}}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `amount` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`amount` IS NULL)) AND (NOT (`amount` >= 0 AND `amount` <= 100))) AS m2 FROM `golden`;
