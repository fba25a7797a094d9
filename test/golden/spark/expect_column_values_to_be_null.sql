-- expect_column_values_to_be_null on spark: {"column":"note"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `note` IS NOT NULL) AS m1 FROM `golden`;
