-- expect_metric_to_be_within_history on postgres: {"metric":"mean","column":"amount","method":"z_score"}
-- fused
SELECT avg(CAST("amount" AS DOUBLE PRECISION)) AS m0 FROM "golden";
