-- expect_column_values_to_be_json_parseable on spark: {"column":"doc"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `doc` IS NULL) AS m1 FROM `golden`;
-- follow-up
SELECT `doc` AS v0, count(*) AS n FROM `golden` WHERE NOT (`doc` IS NULL) GROUP BY `doc`;
