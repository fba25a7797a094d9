// The floor for `assay validate` of a small file: a plain Node script that opens DuckDB and runs
// one hand-written fused query computing what examples/orders/orders.suite.yml checks, over the
// same file. Prints the metrics as JSON. Timed by bench/startup.mjs.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2] ?? 'examples/orders/orders.csv';
const db = await DuckDBInstance.create(':memory:');
const conn = await db.connect();
const lit = (s) => `'${s.replace(/'/g, "''")}'`;
const reader = await conn.runAndReadAll(`SELECT
  count(*) AS row_count,
  count(*) FILTER (WHERE order_id IS NULL) AS order_id_nulls,
  count(order_id) - count(DISTINCT order_id) AS order_id_duplicates,
  count(*) FILTER (WHERE status IS NOT NULL AND status NOT IN ('placed', 'shipped', 'delivered', 'returned')) AS status_bad,
  count(*) FILTER (WHERE amount IS NOT NULL AND NOT (amount BETWEEN 0 AND 100000)) AS amount_bad,
  avg(amount) AS amount_mean,
  count(*) FILTER (WHERE email IS NOT NULL AND NOT regexp_full_match(email, '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$')) AS email_bad,
  count(*) FILTER (WHERE country IS NOT NULL AND length(country) <> 2) AS country_bad,
  count(*) FILTER (WHERE created_at IS NOT NULL AND NOT (created_at BETWEEN '2026-01-01' AND '2026-12-31')) AS created_bad
FROM read_csv(${lit(file)})`);
const columns = await conn.runAndReadAll(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_csv(${lit(file)}))`);
const [row] = reader.getRowObjectsJson();
process.stdout.write(`${JSON.stringify({ ...row, columns: columns.getRowObjectsJson().map((r) => r.column_name) })}\n`);
conn.closeSync?.();
