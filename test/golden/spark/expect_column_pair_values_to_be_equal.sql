-- expect_column_pair_values_to_be_equal on spark: {"column_A":"a","column_B":"b"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `a` IS NULL AND `b` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`a` IS NULL AND `b` IS NULL)) AND ((`a` = `b`) IS NOT TRUE)) AS m2 FROM `golden`;
