-- expect_compound_columns_to_be_unique on spark: {"column_list":["a","b"]}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `a` IS NULL AND `b` IS NULL) AS m1, count(DISTINCT (`a`, `b`)) FILTER (WHERE `a` IS NOT NULL AND `b` IS NOT NULL) AS m2, count(*) FILTER (WHERE `a` IS NOT NULL AND `b` IS NOT NULL) AS m3 FROM `golden`;
-- follow-up
SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM `golden` WHERE `a` IS NOT NULL AND `b` IS NOT NULL GROUP BY `a`, `b` HAVING count(*) > 1) AS d;
