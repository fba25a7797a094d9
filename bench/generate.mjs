#!/usr/bin/env node
// Generates the `orders` workload of BENCHMARKS.md: bench/data/orders_<N>.csv and .parquet.
// Usage: node bench/generate.mjs [N ...]   (default 1000000 10000000; existing files are kept)
//
// All randomness is hash(row, salt) over range(N), so the same N (and DuckDB version) gives
// byte-identical files: no RNG state, no dependence on thread scheduling.
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DATA_DIR = fileURLToPath(new URL('./data/', import.meta.url));
export const dataFile = (rows, format) => `${DATA_DIR}orders_${rows}.${format}`;

// u(salt): a per-row, per-column uniform integer; `% m` buckets it. Rates below are per mille.
const u = (salt) => `hash(i, '${salt}')`;

export const ordersSql = (rows) => `
SELECT
  i + 1                                                        AS order_id,     -- unique
  (${u('customer')} % 500000)::BIGINT + 1                      AS customer_id,  -- ~20 orders each at 10M
  CASE WHEN ${u('status')} % 1000 = 0                                          -- 0.1% bad codes
       THEN ['unknown', 'lost', 'on_hold'][(${u('status_bad')} % 3)::INT + 1]
       ELSE ['delivered', 'delivered', 'delivered', 'shipped', 'paid', 'pending', 'cancelled', 'refunded']
            [(${u('status_ok')} % 8)::INT + 1] END              AS status,
  CASE WHEN ${u('amount')} % 1000 < 10 THEN NULL                               -- 1% nulls
       WHEN ${u('amount')} % 1000 = 10                                         -- 0.1% negatives (refund rows)
       THEN -round(1 + (${u('amount_v')} % 10000) / 100.0, 2)
       -- skewed like real baskets: 1 + 2000 u^2, so mean ~668, quartiles ~126 / 501 / 1126
       ELSE round(1 + 2000 * pow((${u('amount_v')} % 1000000) / 1e6, 2), 2) END ::DOUBLE AS amount,
  CASE WHEN ${u('email')} % 1000 < 5                                           -- 0.5% malformed
       THEN ['user' || (i + 1) || '.example.com', 'user' || (i + 1) || '@example',
             'user ' || (i + 1) || '@example.com', 'user' || (i + 1) || '@@example.com',
             '@example.com'][(${u('email')} % 1000)::INT + 1]
       ELSE 'user' || (${u('customer')} % 500000 + 1) || '@'
            || ['example.com', 'mail.test', 'shop.example.org', 'corp.example.net', 'inbox.test']
               [(${u('domain')} % 5)::INT + 1] END              AS email,
  CASE WHEN ${u('created')} % 1000 = 0                                         -- 0.1% after 2026-01-01
       THEN TIMESTAMP '2026-01-01' + to_seconds((1 + ${u('created_v')} % (180 * 86400))::BIGINT)
       ELSE TIMESTAMP '2024-01-01' + to_seconds((${u('created_v')} % (731 * 86400))::BIGINT) END AS created_at,
  CASE WHEN ${u('country')} % 1000 < 2                                         -- 0.2% ISO alpha-3 slips in
       THEN ['USA', 'DEU', 'GBR'][(${u('country_bad')} % 3)::INT + 1]
       ELSE ['US', 'US', 'US', 'DE', 'GB', 'FR', 'NL', 'ES', 'IT', 'SE', 'PL', 'CA', 'AU', 'JP', 'BR', 'IN']
            [(${u('country_ok')} % 16)::INT + 1] END            AS country
FROM range(${rows}) t(i)
ORDER BY i`;

/** Writes the files for `rows` that do not exist yet; returns their paths. */
export async function generate(rows, formats = ['csv', 'parquet']) {
  mkdirSync(DATA_DIR, { recursive: true });
  const todo = formats.filter((f) => !existsSync(dataFile(rows, f)));
  if (todo.length) {
    const db = await DuckDBInstance.create(':memory:');
    const con = await db.connect();
    for (const format of todo) {
      const out = dataFile(rows, format);
      const tmp = `${out}.tmp`; // renamed only when complete, so an interrupted run never leaves a "done" file
      const opts = format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT parquet, COMPRESSION snappy';
      const t0 = performance.now();
      rmSync(tmp, { force: true });
      await con.run(`COPY (${ordersSql(rows)}) TO '${tmp}' (${opts})`);
      renameSync(tmp, out);
      const mb = (statSync(out).size / 1e6).toFixed(0);
      console.error(`generated ${out} (${mb} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    con.closeSync();
    db.closeSync();
  }
  return Object.fromEntries(formats.map((f) => [f, dataFile(rows, f)]));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  for (const rows of sizes.length ? sizes : [1_000_000, 10_000_000]) await generate(rows);
}
