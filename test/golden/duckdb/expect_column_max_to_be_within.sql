-- expect_column_max_to_be_within on duckdb: {"column":"created","max_age":"24h"}
-- fused
SELECT epoch(max("created")) AS m0, CAST(max("created") AS VARCHAR) AS m1 FROM "golden";
