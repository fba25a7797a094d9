-- expect_column_values_to_be_increasing on spark: {"column":"id","strictly":true}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `id` IS NULL) AS m1 FROM `golden`;
-- follow-up
SELECT count(*) AS n FROM (SELECT *, lag(`id`) OVER (ORDER BY `__assay_row`) AS `__assay_prev` FROM (SELECT * FROM (SELECT *, row_number() OVER (ORDER BY monotonically_increasing_id()) - 1 AS __assay_row FROM `golden`) AS t WHERE NOT (`id` IS NULL)) AS c) AS w WHERE `__assay_prev` IS NOT NULL AND `id` <= `__assay_prev`;
