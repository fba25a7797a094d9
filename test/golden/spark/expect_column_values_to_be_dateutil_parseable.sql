-- expect_column_values_to_be_dateutil_parseable on spark: {"column":"when_text"}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `when_text` IS NULL) AS m1 FROM `golden`;
-- follow-up
SELECT `when_text` AS v0, count(*) AS n FROM `golden` WHERE NOT (`when_text` IS NULL) GROUP BY `when_text`;
