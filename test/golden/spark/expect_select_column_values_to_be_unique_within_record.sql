-- expect_select_column_values_to_be_unique_within_record on spark: {"column_list":["a","b"]}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `a` IS NULL AND `b` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`a` IS NULL AND `b` IS NULL)) AND ((`a` = `b`))) AS m2 FROM `golden`;
