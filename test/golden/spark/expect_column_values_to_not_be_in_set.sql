-- expect_column_values_to_not_be_in_set on spark: {"column":"status","value_set":["lost"]}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `status` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`status` IS NULL)) AND (`status` IN ('lost'))) AS m2 FROM `golden`;
