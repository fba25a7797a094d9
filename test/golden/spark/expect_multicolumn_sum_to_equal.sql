-- expect_multicolumn_sum_to_equal on spark: {"column_list":["a","b"],"sum_total":3}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `a` IS NULL AND `b` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`a` IS NULL AND `b` IS NULL)) AND (NOT (`a` + `b` = 3))) AS m2 FROM `golden`;
