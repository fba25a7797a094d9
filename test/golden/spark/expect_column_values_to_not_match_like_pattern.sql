-- expect_column_values_to_not_match_like_pattern on spark: {"column":"email","like_pattern":"% %"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`email` IS NULL)) AND (`email` LIKE '% %')) AS m2 FROM `golden`;
