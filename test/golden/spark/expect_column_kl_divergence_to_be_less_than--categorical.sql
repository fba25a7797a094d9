-- expect_column_kl_divergence_to_be_less_than#categorical on spark: {"column":"status","partition_object":{"values":["paid","shipped","lost"],"weights":[0.5,0.3,0.2]},"threshold":0.1}
-- follow-up
SELECT `status` AS value, count(*) AS n FROM `golden` WHERE `status` IS NOT NULL GROUP BY `status`;
