-- expect_column_value_lengths_to_equal on spark: {"column":"code","value":2}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `code` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`code` IS NULL)) AND (NOT (char_length(`code`) = 2))) AS m2 FROM `golden`;
