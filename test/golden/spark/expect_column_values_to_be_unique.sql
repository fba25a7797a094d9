-- expect_column_values_to_be_unique on spark: {"column":"a"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `a` IS NULL) AS m1, count(DISTINCT `a`) AS m2 FROM `golden`;
-- follow-up
SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM `golden` WHERE `a` IS NOT NULL GROUP BY `a` HAVING count(*) > 1) AS d;
