-- expect_column_quantile_values_to_be_between on duckdb: {"column":"amount","quantile_ranges":{"quantiles":[0.25,0.5,0.75],"value_ranges":[[0,10],[10,20],[20,40]]}}
-- fused
SELECT quantile_disc("amount", [0.25, 0.5, 0.75]) AS m0 FROM "golden";
