-- expect_column_values_to_be_in_other_table on spark: {"column":"a","other_table":"golden_other","other_column":"x","result_format":{"result_format":"SUMMARY"}}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE `a` IS NULL) AS m1 FROM `golden`;
-- follow-up
SELECT count(*) AS n FROM `golden` WHERE (NOT (`a` IS NULL)) AND (NOT EXISTS (SELECT 1 FROM (SELECT `x` AS __assay_key FROM `golden_other` AS o) AS assay_other WHERE assay_other.__assay_key = `a`));
