-- expect_column_values_to_match_like_pattern on spark: {"column":"email","like_pattern":"%@%.com"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`email` IS NULL)) AND (NOT (`email` LIKE '%@%.com'))) AS m2 FROM `golden`;
