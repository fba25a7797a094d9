-- expect_column_values_to_match_json_schema on spark: {"column":"doc","json_schema":{"type":"object"},"row_condition":"id IN (1, 2)"}
-- fused
SELECT count(*) FILTER (WHERE (id IN (1, 2))) AS m0, count(*) FILTER (WHERE ((id IN (1, 2))) AND (`doc` IS NULL)) AS m1 FROM `golden`;
-- follow-up
SELECT `doc` AS v0, count(*) AS n FROM `golden` WHERE ((id IN (1, 2))) AND (NOT (`doc` IS NULL)) GROUP BY `doc`;
