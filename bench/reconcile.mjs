#!/usr/bin/env node
// A keyed comparison across engines: bench/data/orders_<N>.parquet, read by DuckDB, against the
// same rows in PostgreSQL (loaded once with COPY FROM STDIN, kept for later runs), with a few rows
// deleted, added and changed there. Each side is reduced where it lives to its keys and one hash
// per compared column; only those cross. Reported: wall time of the comparison, the rows and bytes
// that crossed (keys and hashes) beside what the compared columns weigh in PostgreSQL, and the
// floor of the PostgreSQL side: its reduction query alone, run to the end on the server.
// Usage: node bench/reconcile.mjs [--rows 1000000] [--repeat 2] [--url-env DATABASE_URL]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openConnection } from '../dist/src/connections/index.js';
import { crossCompare, reductionSql } from '../dist/src/engine/cross-compare.js';
import { generate } from './generate.mjs';
import { copyFromFile } from './pg-copy.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}bench/out/`;
const SCHEMA = 'assay_bench';
const KEYS = ['order_id'];
const COMPARED = ['customer_id', 'status', 'amount', 'email', 'created_at', 'country'];

const { values: opts } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    repeat: { type: 'string', default: '2' },
    'url-env': { type: 'string', default: 'DATABASE_URL' },
  },
});
const rows = Number(opts.rows);
const repeat = Number(opts.repeat);
const url = process.env[opts['url-env']];
if (!url) {
  console.error(`bench: set ${opts['url-env']} to the PostgreSQL to compare with (e.g. postgres://postgres@127.0.0.1:5432/test)`);
  process.exit(2);
}
if (!Number.isInteger(rows) || rows < 10 || !(repeat >= 1)) {
  console.error('usage: node bench/reconcile.mjs [--rows 1000000] [--repeat 2] [--url-env DATABASE_URL]');
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });
const seconds = (t0) => (performance.now() - t0) / 1000;

const { csv, parquet } = await generate(rows, ['csv', 'parquet']);
const client = new pg.Client({ connectionString: url, application_name: 'assay-bench' });
await client.connect();
const table = `${SCHEMA}.reconcile_${rows}`;
try {
  // The PostgreSQL side: the same rows, then 3 deleted, 2 added and 4 changed.
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (order_id BIGINT, customer_id BIGINT, status TEXT, amount DOUBLE PRECISION,
    email TEXT, created_at TIMESTAMP, country TEXT)`);
  const t0 = performance.now();
  const copied = await copyFromFile(client, `COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`, csv);
  await client.query(`DELETE FROM ${table} WHERE order_id IN (7, 70, 700);
    INSERT INTO ${table} (order_id, status) VALUES (${rows + 1}, 'paid'), (${rows + 2}, 'paid');
    UPDATE ${table} SET amount = coalesce(amount, 0) + 0.01 WHERE order_id IN (11, 12);
    UPDATE ${table} SET status = 'lost' WHERE order_id = 13;
    UPDATE ${table} SET created_at = created_at + INTERVAL '1 second' WHERE order_id = 14`);
  await client.query(`VACUUM (ANALYZE) ${table}`);
  console.error(`bench: ${copied} rows into ${table} in ${seconds(t0).toFixed(1)} s, then 3 deleted, 2 added, 4 changed`);

  const [size] = (
    await client.query(
      `SELECT pg_total_relation_size('${table}') AS relation_bytes,
        sum(${[...KEYS, ...COMPARED].map((c) => `coalesce(octet_length(${c}::text), 0)`).join(' + ')}) AS text_bytes FROM ${table}`,
    )
  ).rows;

  const pgConn = await openConnection({ kind: 'postgres', url, options: { readOnly: true } });
  const duck = await openConnection({ kind: 'duckdb' });
  const file = `read_parquet(${duck.dialect.literal(parquet)})`;
  const runs = [];
  let last;
  try {
    for (let round = 1; round <= repeat; round++) {
      const start = performance.now();
      last = await crossCompare({
        self: { conn: pgConn, relation: table },
        other: { conn: duck, relation: file, local: true },
        keys: KEYS,
        compared: COMPARED,
        scratch: duck,
      });
      runs.push(seconds(start));
      console.error(
        `  round ${round}: ${runs.at(-1).toFixed(2)} s; ${JSON.stringify(last.observed)} ${JSON.stringify(last.details.changed_columns)}`,
      );
    }
    // The floor of the PostgreSQL side: its reduction, computed on the server and not sent.
    const reduction = reductionSql({ conn: pgConn, relation: table }, await pgConn.columns(table), KEYS, COMPARED);
    const f0 = performance.now();
    // Every key and hash is computed (a bare count(*) would let the planner skip them).
    const total = [...KEYS.map((_, i) => `k${i}`), ...COMPARED.map((_, i) => `h${i}`)].map((c) => `coalesce(length(${c}), 0)`).join(' + ');
    await client.query(`SELECT sum(${total}) FROM (${reduction}) AS r`);
    const floor = seconds(f0);
    const s0 = performance.now();
    await client.query(`SELECT count(*) FROM ${table}`);
    const scan = seconds(s0);
    const o = last.observed;
    const ok = o.missing === 3 && o.extra === 2 && o.changed === 4 ? null : 'unexpected counts';
    const result = {
      rows,
      table,
      file: parquet,
      machine: { cpus: cpus().length, load_average: loadavg().map((x) => Number(x.toFixed(2))) },
      compare_s: Math.min(...runs),
      runs_s: runs,
      postgres_reduction_alone_s: floor,
      postgres_count_scan_s: scan,
      crossed: last.moved,
      compared_columns_text_bytes: Number(size.text_bytes),
      relation_bytes: Number(size.relation_bytes),
      counts: { ...o, changed_columns: last.details.changed_columns },
      check: ok,
    };
    writeFileSync(`${OUT}reconcile-${rows}.json`, `${JSON.stringify(result, null, 2)}\n`);
    console.log(JSON.stringify(result, null, 2));
    if (ok) process.exitCode = 1;
  } finally {
    await pgConn.close();
    await duck.close();
  }
} finally {
  await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => {});
  await client.end();
}
