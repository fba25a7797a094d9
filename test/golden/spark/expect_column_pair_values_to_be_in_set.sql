-- expect_column_pair_values_to_be_in_set on spark: {"column_A":"a","column_B":"b","value_pairs_set":[[1,0],[2,1],[1,1]]}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `a` IS NULL AND `b` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`a` IS NULL AND `b` IS NULL)) AND (((`a` = 1 AND `b` = 0) OR (`a` = 2 AND `b` = 1) OR (`a` = 1 AND `b` = 1)) IS NOT TRUE)) AS m2 FROM `golden`;
