-- expect_column_values_to_be_in_set on spark: {"column":"status","value_set":["paid","shipped"],"result_format":{"result_format":"SUMMARY"}}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `status` IS NULL) AS m1, count(*) FILTER (WHERE (NOT (`status` IS NULL)) AND (NOT (`status` IN ('paid', 'shipped')))) AS m2 FROM `golden`;
