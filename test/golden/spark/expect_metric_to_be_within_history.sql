-- expect_metric_to_be_within_history on spark: {"metric":"mean","column":"amount","method":"z_score"}
-- fused
SELECT avg(CAST(`amount` AS DOUBLE)) AS m0 FROM `golden`;
