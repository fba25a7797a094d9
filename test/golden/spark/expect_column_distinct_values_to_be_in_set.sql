-- expect_column_distinct_values_to_be_in_set on spark: {"column":"status","value_set":["paid","shipped"]}
-- follow-up
SELECT `status` AS value, count(*) AS n FROM `golden` WHERE `status` IS NOT NULL GROUP BY `status`;
