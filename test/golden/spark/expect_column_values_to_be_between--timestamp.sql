-- expect_column_values_to_be_between#timestamp on spark: {"column":"created","min_value":"2024-01-01T00:00:00","max_value":"2025-01-01T00:00:00"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `created` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`created` IS NULL)) AND (NOT (`created` >= '2024-01-01T00:00:00' AND `created` <= '2025-01-01T00:00:00'))) AS m2 FROM `golden`;
