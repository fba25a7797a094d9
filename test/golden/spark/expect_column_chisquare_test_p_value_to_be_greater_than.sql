-- expect_column_chisquare_test_p_value_to_be_greater_than on spark: {"column":"status","partition_object":{"values":["paid","shipped","lost"],"weights":[0.6,0.3,0.1]},"p":0.05}
-- follow-up
SELECT `status` AS value, count(*) AS n FROM `golden` WHERE `status` IS NOT NULL GROUP BY `status`;
