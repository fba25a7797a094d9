#!/usr/bin/env node
// Reconciliation and profiling benches (issue 10), each against what a user would write by hand
// in DuckDB, as whole processes (measure.mjs), alternating a, b, a, b:
//   recon:   a keyed comparison of two Parquet files, source = the orders workload, target = the
//            same rows less a few, plus a few, a few changed. (a) `assay validate target
//            --suite <expect_table_to_match_other_table> --allow-read source`; (b) the floor:
//            a Node script running the two anti-joins (missing, extra) and the join (changed).
//            Target: (a) within 2x of (b).
//   profile: (a) `assay profile <orders.parquet> --json`; (b) DuckDB's own SUMMARIZE of the same
//            file (approximate distinct counts and quantiles) from a Node script. Target: (a) no
//            slower than (b).
// Usage: node bench/recon.mjs [--rows N] [--repeat R] [--only recon|profile]
// Figures go to bench/out/recon.json; the data to bench/data/ (gitignored, kept between runs).
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { DATA_DIR, generate } from './generate.mjs';
import { measure } from './measure.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const rows = Number(arg('rows', 10_000_000));
const repeat = Number(arg('repeat', 2));
const only = arg('only', null);
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url));
const FLOOR = fileURLToPath(import.meta.url);

// The injected differences: every millionth-ish row lost, changed, and as many new ones.
const EVERY = 1_000_003;
const KEY = 'order_id';
const COLUMNS = ['customer_id', 'status', 'amount', 'email', 'created_at', 'country'];

/** bench/data/recon_target_<N>.parquet: the source less, plus and changed a few rows. */
async function makeTarget(source) {
  const out = `${DATA_DIR}recon_target_${rows}.parquet`;
  if (existsSync(out)) return out;
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const tmp = `${out}.tmp`;
  rmSync(tmp, { force: true });
  await con.run(`COPY (
    SELECT order_id, customer_id, status,
           CASE WHEN order_id % ${EVERY} = 11 THEN amount + 1 ELSE amount END AS amount, email, created_at, country
    FROM read_parquet('${source}') WHERE order_id % ${EVERY} <> 7
    UNION ALL
    SELECT order_id + ${rows}, customer_id, status, amount, email, created_at, country
    FROM read_parquet('${source}') WHERE order_id % ${EVERY} = 3
    ORDER BY order_id) TO '${tmp}' (FORMAT parquet, COMPRESSION snappy)`);
  renameSync(tmp, out);
  con.closeSync();
  db.closeSync();
  return out;
}

/** The floor of the keyed comparison, run as its own process: `node bench/recon.mjs --floor recon <source> <target>`. */
async function reconFloor(source, target) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const s = `read_parquet('${source}')`;
  const t = `read_parquet('${target}')`;
  const one = async (sql) => Number((await con.runAndReadAll(sql)).getRowObjects()[0].n);
  const missing = await one(`SELECT count(*) AS n FROM ${s} AS s ANTI JOIN ${t} AS t USING (${KEY})`);
  const extra = await one(`SELECT count(*) AS n FROM ${t} AS t ANTI JOIN ${s} AS s USING (${KEY})`);
  const changed = await one(
    `SELECT count(*) AS n FROM ${t} AS t JOIN ${s} AS s USING (${KEY}) WHERE ${COLUMNS.map((c) => `t.${c} IS DISTINCT FROM s.${c}`).join(' OR ')}`,
  );
  process.stdout.write(JSON.stringify({ missing, extra, changed }));
}

/** DuckDB's own profile of a file: `node bench/recon.mjs --floor profile <file>`. */
async function summarize(file) {
  const db = await DuckDBInstance.create(':memory:');
  const con = await db.connect();
  const r = await con.runAndReadAll(`SUMMARIZE SELECT * FROM read_parquet('${file}')`);
  process.stdout.write(JSON.stringify({ columns: r.getRowObjects().length }));
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

async function bench(name, a, b, check) {
  const runs = { a: [], b: [] };
  const load = [loadavg()[0]];
  for (let i = 0; i < repeat; i++) {
    for (const [k, [cmd, args]] of Object.entries({ a, b })) {
      const r = await measure(cmd, args);
      if (i === 0) check(k, r);
      runs[k].push(r);
      console.error(
        `${name} ${k} round ${i + 1}: ${r.wall_s.toFixed(2)} s wall, ${r.cpu_s?.toFixed(1)} s CPU, ${r.rss_mib?.toFixed(0)} MiB`,
      );
    }
  }
  load.push(loadavg()[0]);
  const fig = (k) => ({
    wall_s: median(runs[k].map((r) => r.wall_s)),
    cpu_s: median(runs[k].map((r) => r.cpu_s)),
    rss_mib: median(runs[k].map((r) => r.rss_mib)),
  });
  const result = { a: fig('a'), b: fig('b'), load_average: load, rounds: repeat };
  result.ratio_wall = result.a.wall_s / result.b.wall_s;
  result.ratio_cpu = result.a.cpu_s / result.b.cpu_s;
  console.log(
    `${name}, ${rows.toLocaleString('en-US')} rows: (a) ${result.a.wall_s.toFixed(2)} s / ${result.a.cpu_s.toFixed(1)} s CPU / ${result.a.rss_mib.toFixed(0)} MiB; ` +
      `(b) ${result.b.wall_s.toFixed(2)} s / ${result.b.cpu_s.toFixed(1)} s CPU / ${result.b.rss_mib.toFixed(0)} MiB; ` +
      `a/b ${result.ratio_wall.toFixed(2)}x wall, ${result.ratio_cpu.toFixed(2)}x CPU; load average ${load.map((l) => l.toFixed(1)).join(' → ')}`,
  );
  return result;
}

async function main() {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: npm run build first`);
  const { parquet: source } = await generate(rows, ['parquet']);
  mkdirSync(OUT, { recursive: true });
  const results = existsSync(`${OUT}recon.json`) ? JSON.parse(readFileSync(`${OUT}recon.json`, 'utf8')) : {};
  if (only !== 'profile') {
    const target = await makeTarget(source);
    const suite = `${OUT}recon_${rows}.suite.yml`;
    writeFileSync(
      suite,
      `name: recon\nexpectations:\n  - type: expect_table_to_match_other_table\n    kwargs: {other_table: ${JSON.stringify(source)}, key: ${KEY}}\n`,
    );
    const expected = { missing: Math.floor((rows - 7) / EVERY) + 1, changed: Math.floor((rows - 11) / EVERY) + 1 };
    expected.extra = Math.floor((rows - 3) / EVERY) + 1;
    results[`recon_${rows}`] = await bench(
      'keyed comparison',
      [process.execPath, [CLI, 'validate', target, '--suite', suite, '--allow-read', source, '--json', `${OUT}recon_${rows}.json`, '-q']],
      [process.execPath, [FLOOR, '--floor', 'recon', source, target]],
      (k, r) => {
        const got =
          k === 'a'
            ? JSON.parse(readFileSync(`${OUT}recon_${rows}.json`, 'utf8')).results[0].result.observed_value
            : JSON.parse(r.stdout || '{}');
        for (const key of ['missing', 'extra', 'changed'])
          if (got[key] !== expected[key]) console.error(`WARNING: (${k}) found ${key} ${got[key]}, expected ${expected[key]}: ${r.stderr}`);
      },
    );
  }
  if (only !== 'recon') {
    results[`profile_${rows}`] = await bench(
      'profile',
      [process.execPath, [CLI, 'profile', source, '--json', `${OUT}profile_${rows}.json`]],
      [process.execPath, [FLOOR, '--floor', 'profile', source]],
      (k, r) => {
        if (r.code !== 0) console.error(`WARNING: (${k}) exit ${r.code}: ${r.stderr}`);
      },
    );
  }
  writeFileSync(`${OUT}recon.json`, JSON.stringify(results, null, 2));
}

const floor = process.argv.indexOf('--floor');
if (floor > 0) {
  const [what, ...files] = process.argv.slice(floor + 1);
  await (what === 'recon' ? reconFloor(files[0], files[1]) : summarize(files[0]));
} else await main();
