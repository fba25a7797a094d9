-- expect_column_bootstrapped_ks_test_p_value_to_be_greater_than on spark: {"column":"amount","partition_object":{"bins":[-10,0,50,1000],"weights":[0.1,0.6,0.3]},"p":0.05,"bootstrap_samples":20}
-- follow-up
SELECT `amount` AS value, count(*) AS n FROM `golden` WHERE `amount` IS NOT NULL GROUP BY `amount`;
