-- expect_column_values_to_match_like_pattern_list on spark: {"column":"email","like_pattern_list":["%@x.com","%.org"],"match_on":"any"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`email` IS NULL)) AND (NOT ((`email` LIKE '%@x.com') OR (`email` LIKE '%.org')))) AS m2 FROM `golden`;
