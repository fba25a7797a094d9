-- expect_column_distinct_values_to_equal_set on spark: {"column":"status","value_set":["paid","shipped","lost"]}
-- follow-up
SELECT `status` AS value, count(*) AS n FROM `golden` WHERE `status` IS NOT NULL GROUP BY `status`;
