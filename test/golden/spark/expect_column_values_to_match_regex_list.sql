-- expect_column_values_to_match_regex_list on spark: {"column":"email","regex_list":["@","\\.com$"],"match_on":"all"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `email` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`email` IS NULL)) AND (NOT (((`email` RLIKE '@')) AND ((`email` RLIKE '\\.com$'))))) AS m2 FROM `golden`;
