-- expect_column_pair_cramers_phi_value_to_be_less_than on postgres: {"column_A":"status","column_B":"code","bins_B":[["US","USA"],["DE","FR","IT"]],"threshold":0.5}
-- follow-up
SELECT "A", "B", count(*) AS n, min(__assay_row) AS first_row FROM (SELECT CAST("status" AS TEXT) AS "A", CASE WHEN CAST("code" AS TEXT) IN ('US', 'USA') THEN 'US, USA' WHEN CAST("code" AS TEXT) IN ('DE', 'FR', 'IT') THEN 'DE, FR, IT' ELSE CAST("code" AS TEXT) END AS "B", __assay_row FROM (SELECT *, row_number() OVER () - 1 AS __assay_row FROM "golden") AS t) cells GROUP BY "A", "B";
