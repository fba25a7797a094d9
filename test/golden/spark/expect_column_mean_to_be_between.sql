-- expect_column_mean_to_be_between on spark: {"column":"amount","min_value":0,"max_value":100,"row_condition":"flag = TRUE"}
-- fused
SELECT avg(`amount`) FILTER (WHERE (flag = TRUE)) AS m0 FROM `golden`;
