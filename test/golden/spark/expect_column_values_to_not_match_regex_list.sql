-- expect_column_values_to_not_match_regex_list on spark: {"column":"email","regex_list":["\\s","^x"]}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`email` IS NULL)) AND (((`email` RLIKE '\\s')) OR ((`email` RLIKE '^x')))) AS m2 FROM `golden`;
