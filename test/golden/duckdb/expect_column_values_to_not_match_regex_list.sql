-- expect_column_values_to_not_match_regex_list on duckdb: {"column":"email","regex_list":["\\s","^x"]}
-- fused
SELECT count(*) AS m0, count(*) FILTER (WHERE "email" IS NULL) AS m1, count(*) FILTER (WHERE (NOT ("email" IS NULL)) AND ((regexp_matches("email", '\s')) OR (regexp_matches("email", '^x')))) AS m2 FROM "golden";
