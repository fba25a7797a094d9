-- expect_column_values_to_not_match_regex on spark: {"column":"email","regex":"\\s"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`email` IS NULL)) AND ((`email` RLIKE '\\s'))) AS m2 FROM `golden`;
