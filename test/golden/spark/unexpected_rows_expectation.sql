-- unexpected_rows_expectation on spark: {"unexpected_rows_query":"SELECT * FROM {batch} WHERE amount < 0"}
-- follow-up
SELECT count(*) AS n FROM (
SELECT * FROM `golden` WHERE amount < 0
) AS unexpected_rows;
