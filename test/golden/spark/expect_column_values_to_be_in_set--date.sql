-- expect_column_values_to_be_in_set#date on spark: {"column":"day","value_set":["2024-01-01","2024-01-02","not a date"]}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `day` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`day` IS NULL)) AND (NOT (COALESCE(`day` IN (TRY_CAST('2024-01-01' AS DATE), TRY_CAST('2024-01-02' AS DATE), TRY_CAST('not a date' AS DATE)), FALSE)))) AS m2 FROM `golden`;
