-- expect_column_value_z_scores_to_be_less_than on spark: {"column":"amount","threshold":2,"double_sided":true}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `amount` IS NULL) AS m1, avg(`amount`) AS m2, stddev_samp(`amount`) AS m3, CASE WHEN stddev_samp(`amount`) IS NULL OR stddev_samp(`amount`) = 0 THEN TRUE ELSE NOT (abs(((CAST(min(`amount`) AS DOUBLE) - avg(`amount`)) / stddev_samp(`amount`))) >= CAST('2e+0' AS DOUBLE) OR abs(((CAST(max(`amount`) AS DOUBLE) - avg(`amount`)) / stddev_samp(`amount`))) >= CAST('2e+0' AS DOUBLE)) END AS m4 FROM `golden`;
-- follow-up
SELECT count(*) AS n FROM `golden` WHERE (NOT (`amount` IS NULL)) AND (FALSE);
