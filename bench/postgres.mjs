#!/usr/bin/env node
// `npm run bench -- --dialect postgres`: the `orders` workload validated inside PostgreSQL.
// Loads bench/data/orders_<N>.csv into the PostgreSQL that DATABASE_URL names (once: COPY FROM
// STDIN, streamed; kept for later runs), then times `assay validate postgres --table ...` with the
// 15-expectation suite and counts the queries it sends (from its debug log): the promise is ONE
// aggregate scan, plus one query per uniqueness check that finds duplicates (none here) and the
// samples of the failing checks. Beside it, the same fused SQL run alone (the floor: what the
// database itself needs) and a bare `count(*)` scan.
// Usage: node bench/postgres.mjs [--rows 10000000] [--repeat 3] [--url-env DATABASE_URL] [--reload]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { generate } from './generate.mjs';
import { measure, method } from './measure.mjs';
import { copyFromFile } from './pg-copy.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}bench/out/`;
const CLI = 'dist/src/cli/main.js';
const SUITE = 'bench/orders.suite.yml';
const SCHEMA = 'assay_bench';
const EXPECTED_FAILED = 4; // status, email, created_at, country

const { values: opts } = parseArgs({
  allowPositionals: true,
  options: {
    dialect: { type: 'string', default: 'postgres' },
    rows: { type: 'string', default: '10000000' },
    repeat: { type: 'string', default: '3' },
    'url-env': { type: 'string', default: 'DATABASE_URL' },
    reload: { type: 'boolean', default: false },
  },
});
const sizes = opts.rows.split(',').map(Number);
const repeat = Number(opts.repeat);
const url = process.env[opts['url-env']];
if (!url) {
  console.error(`bench: set ${opts['url-env']} to the PostgreSQL to load and validate in (e.g. postgres://postgres@127.0.0.1:5432/test)`);
  process.exit(2);
}
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !(repeat >= 1)) {
  console.error('usage: node bench/postgres.mjs [--rows 10000000] [--repeat 3] [--url-env DATABASE_URL] [--reload]');
  process.exit(2);
}
mkdirSync(OUT, { recursive: true });

const seconds = (t0) => (performance.now() - t0) / 1000;

/** The table for `rows`, loaded once: kept while its row count matches. */
async function load(client, rows, file) {
  const table = `${SCHEMA}.orders_${rows}`;
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${SCHEMA}`);
  const exists = (await client.query(`SELECT to_regclass($1) AS t`, [table])).rows[0].t;
  if (exists && !opts.reload) {
    const n = Number((await client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
    if (n === rows) return { table, loaded_s: null };
    console.error(`bench: ${table} has ${n} rows, not ${rows}: reloading`);
  }
  const t0 = performance.now();
  await client.query(`DROP TABLE IF EXISTS ${table}`);
  await client.query(`CREATE TABLE ${table} (order_id BIGINT, customer_id BIGINT, status TEXT, amount DOUBLE PRECISION,
    email TEXT, created_at TIMESTAMP, country TEXT)`);
  const copied = await copyFromFile(client, `COPY ${table} FROM STDIN WITH (FORMAT csv, HEADER true)`, file);
  // Hint bits and statistics now, so the first timed scan does not pay for them.
  await client.query(`VACUUM (ANALYZE) ${table}`);
  const loaded_s = seconds(t0);
  console.error(`bench: loaded ${copied} rows into ${table} in ${loaded_s.toFixed(1)} s (COPY FROM STDIN + VACUUM ANALYZE)`);
  return { table, loaded_s };
}

/** Queries assay sent, by purpose, from its JSON debug log. */
function queriesOf(stderr) {
  const q = stderr
    .split('\n')
    .filter((l) => l.startsWith('{') && l.includes('"msg":"query"'))
    .map((l) => JSON.parse(l));
  return {
    fused: q.filter((x) => x.purpose === 'fused'),
    followUp: q.filter((x) => x.purpose === 'follow-up'),
    fallback: q.filter((x) => x.purpose === 'fallback'),
  };
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((p, q) => p - q);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};

const client = new pg.Client({ connectionString: url, application_name: 'assay-bench' });
await client.connect();
const server = (await client.query('SHOW server_version')).rows[0].server_version;
const settings = Object.fromEntries(
  (
    await client.query(
      `SELECT name, setting FROM pg_settings WHERE name IN ('work_mem', 'shared_buffers', 'max_parallel_workers_per_gather')`,
    )
  ).rows.map((r) => [r.name, r.setting]),
);
const results = [];
try {
  for (const rows of sizes) {
    const { csv } = await generate(rows, ['csv']);
    const { table, loaded_s } = await load(client, rows, csv);
    console.error(`\n== ${rows} rows in PostgreSQL ${server} (${table}), ${repeat} rounds`);
    const runs = [];
    let queries;
    let check = null;
    let fusedSql;
    for (let round = 1; round <= repeat; round++) {
      const json = `${OUT}assay-postgres-${rows}.json`;
      const run = await measure(
        process.execPath,
        [CLI, 'validate', 'postgres', '--table', table, '--suite', SUITE, '--json', json, '--log-level', 'debug', '--log-format', 'json'],
        { cwd: ROOT },
      );
      if (run.code !== 1) {
        console.error(`  assay validate postgres failed: exit ${run.code}\n${run.stderr.trim()}`);
        process.exitCode = 1;
        break;
      }
      if (round === 1) {
        queries = queriesOf(run.stderr);
        fusedSql = queries.fused[0]?.sql;
        const failed = JSON.parse(readFileSync(json, 'utf8')).results.filter((r) => !r.success).length;
        if (failed !== EXPECTED_FAILED) check = `${failed} expectations failed, expected ${EXPECTED_FAILED}`;
        if (check) console.error(`  warning: ${check}`);
      }
      runs.push({ wall_s: run.wall_s, cpu_s: run.cpu_s, rss_mib: run.rss_mib });
      console.error(
        `  round ${round}: ${run.wall_s.toFixed(2)} s, client cpu ${run.cpu_s?.toFixed(2)} s, client ${run.rss_mib?.toFixed(0)} MiB`,
      );
    }
    // The floor: the fused SQL alone, on a plain client; and a bare scan of the table.
    const timeQuery = async (sql) => {
      const t0 = performance.now();
      await client.query(sql);
      return seconds(t0);
    };
    const floor = [];
    const bare = [];
    for (let round = 1; round <= repeat && fusedSql; round++) {
      floor.push(await timeQuery(fusedSql));
      bare.push(await timeQuery(`SELECT count(*) FROM ${table}`));
    }
    const r = {
      rows,
      table,
      loaded_s,
      check,
      assay: {
        wall_s: median(runs.map((x) => x.wall_s)),
        cpu_s: median(runs.map((x) => x.cpu_s)),
        rss_mib: median(runs.map((x) => x.rss_mib)),
        runs,
      },
      fused_query_alone_s: median(floor),
      bare_count_scan_s: median(bare),
      // Follow-ups: samples of unexpected values (LIMIT, they stop early) and check queries (duplicates).
      queries: queries && {
        fused: queries.fused.length,
        samples: queries.followUp.filter((x) => / LIMIT \d+$/.test(x.sql)).length,
        checks: queries.followUp.filter((x) => !/ LIMIT \d+$/.test(x.sql)).length,
        fallback: queries.fallback.length,
        follow_up_sql: queries.followUp.map((x) => x.sql),
      },
    };
    results.push(r);
  }
} finally {
  await client.end();
}

console.log(
  `\nPostgreSQL ${server} (work_mem ${settings.work_mem} kB, max_parallel_workers_per_gather ${settings.max_parallel_workers_per_gather}); medians of ${repeat} round(s); client peak RSS by ${method()}\n`,
);
console.log(
  '| rows | `assay validate postgres` | client CPU / peak RSS | fused SQL alone | bare `count(*)` | queries sent | GE 1.2 SQL engine on PostgreSQL (anchor) |',
);
console.log('| ---: | ---: | --- | ---: | ---: | --- | ---: |');
for (const r of results) {
  const q = r.queries
    ? `${r.queries.fused} aggregate scan + ${r.queries.checks} uniqueness quer${r.queries.checks === 1 ? 'y' : 'ies'} + ${r.queries.samples} samples (LIMIT 20)${r.queries.fallback ? ` + ${r.queries.fallback} fallback` : ''}`
    : 'n/a';
  const anchor = r.rows === 10_000_000 ? '79 s' : '';
  console.log(
    `| ${r.rows.toLocaleString('en-US')} | ${r.assay.wall_s?.toFixed(1)} s | ${r.assay.cpu_s?.toFixed(2)} s / ${r.assay.rss_mib?.toFixed(0)} MiB | ${r.fused_query_alone_s?.toFixed(1)} s | ${r.bare_count_scan_s?.toFixed(2)} s | ${q} | ${anchor} |`,
  );
  for (const sql of r.queries?.follow_up_sql ?? []) console.log(`  follow-up: ${sql.length > 160 ? `${sql.slice(0, 160)}…` : sql}`);
}
const env = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  mem_gib: Math.round(totalmem() / 2 ** 30),
  postgres: server,
  settings,
};
writeFileSync(`${OUT}postgres-results.json`, `${JSON.stringify({ env, results }, null, 2)}\n`);
console.error('\nwrote bench/out/postgres-results.json');
