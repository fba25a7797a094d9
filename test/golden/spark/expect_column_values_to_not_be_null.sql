-- expect_column_values_to_not_be_null on spark: {"column":"email","mostly":0.5}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1 FROM `golden`;
