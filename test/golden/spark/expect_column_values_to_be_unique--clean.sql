-- expect_column_values_to_be_unique#clean on spark: {"column":"id"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `id` IS NULL) AS m1, count(DISTINCT `id`) AS m2 FROM `golden`;
-- follow-up
SELECT coalesce(sum(n), 0) AS n FROM (SELECT count(*) AS n FROM `golden` WHERE `id` IS NOT NULL GROUP BY `id` HAVING count(*) > 1) AS d;
