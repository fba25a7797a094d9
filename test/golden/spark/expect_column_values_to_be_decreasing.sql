-- expect_column_values_to_be_decreasing on spark: {"column":"amount"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `amount` IS NULL) AS m1 FROM `golden`;
-- follow-up
SELECT count(*) AS n FROM (SELECT *, lag(`amount`) OVER (ORDER BY `__assay_row`) AS `__assay_prev` FROM (SELECT * FROM (SELECT *, row_number() OVER (ORDER BY monotonically_increasing_id()) - 1 AS __assay_row FROM `golden`) AS t WHERE NOT (`amount` IS NULL)) AS c) AS w WHERE `__assay_prev` IS NOT NULL AND `amount` > `__assay_prev`;
