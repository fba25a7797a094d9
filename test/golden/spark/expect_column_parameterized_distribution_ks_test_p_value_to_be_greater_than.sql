-- expect_column_parameterized_distribution_ks_test_p_value_to_be_greater_than on spark: {"column":"amount","distribution":"norm","params":{"mean":30,"std_dev":60},"p_value":0.05}
-- follow-up
SELECT `amount` AS value, count(*) AS n FROM `golden` WHERE `amount` IS NOT NULL GROUP BY `amount`;
