-- expect_column_quantile_values_to_be_between on spark: {"column":"amount","quantile_ranges":{"quantiles":[0.25,0.5,0.75],"value_ranges":[[0,10],[10,20],[20,40]]}}
-- fused
SELECT array(percentile_disc(0.25) WITHIN GROUP (ORDER BY `amount`), percentile_disc(0.5) WITHIN GROUP (ORDER BY `amount`), percentile_disc(0.75) WITHIN GROUP (ORDER BY `amount`)) AS m0 FROM `golden`;
