-- expect_column_max_to_be_within on postgres: {"column":"created","max_age":"24h"}
-- fused
SELECT extract(epoch from max("created")) AS m0, CAST(max("created") AS TEXT) AS m1 FROM "golden";
