-- expect_column_values_to_match_regex on spark: {"column":"email","regex":"^[a-z]+@[a-z]+\\.(com|org)$","result_format":{"result_format":"SUMMARY"}}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`email` IS NULL)) AND (NOT ((`email` RLIKE '^[a-z]+@[a-z]+\\.(com|org)$')))) AS m2 FROM `golden`;
