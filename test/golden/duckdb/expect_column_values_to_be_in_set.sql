-- expect_column_values_to_be_in_set on duckdb: {"column":"status","value_set":["paid","shipped"],"result_format":{"result_format":"SUMMARY"}}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE "status" IS NULL) AS m1, count(*) FILTER (WHERE (NOT ("status" IS NULL)) AND (NOT (list_contains(['paid', 'shipped'], "status")))) AS m2 FROM "golden";
