-- expect_column_max_to_be_within on spark: {"column":"created","max_age":"24h"}
-- fused
SELECT unix_timestamp(max(`created`)) AS m0, CAST(max(`created`) AS STRING) AS m1 FROM `golden`;
