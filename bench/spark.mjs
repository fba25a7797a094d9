#!/usr/bin/env node
// The `orders` workload validated inside Spark: bench/data/orders_<N>.parquet (bench/generate.mjs)
// registered as a Spark table over that file (no copy), then, side by side in one run:
// `assay validate spark --table ...` with the 15-expectation suite (wall time, the queries it sent),
// the same fused SQL alone on a plain connection (the floor: what Spark itself needs), a bare
// count(*). Great Expectations on the same cluster: bench/ge_spark.py.
// The cluster is whatever SPARK_URL points at; scripts/start-spark.sh with SPARK_WORKERS=1 or 2
// gives the one-worker and two-worker figures.
// Usage: SPARK_URL=spark://127.0.0.1:10000/default node bench/spark.mjs [--rows 1000000] [--repeat 3]
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openConnection } from '../dist/src/connections/index.js';
import { generate } from './generate.mjs';
import { measure } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}bench/out/`;
const CLI = 'dist/src/cli/main.js';
const SUITE = 'bench/orders.suite.yml';
const DB = 'assay_bench';

const { values: opts } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, repeat: { type: 'string', default: '3' } },
});
const url = process.env.SPARK_URL;
if (!url) {
  console.error('bench: set SPARK_URL (bash scripts/start-spark.sh prints it)');
  process.exit(2);
}
const sizes = opts.rows.split(',').map(Number);
const repeat = Number(opts.repeat);
mkdirSync(OUT, { recursive: true });

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((p, q) => p - q);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const seconds = (t0) => (performance.now() - t0) / 1000;

const conn = await openConnection({ kind: 'spark', url, options: { statementTimeoutMs: 0 } });
const version = (await conn.engineInfo()).version;
const executors = await fetch('http://127.0.0.1:8180/json/')
  .then((r) => r.json())
  .then((m) => m.workers.filter((w) => w.state === 'ALIVE').length)
  .catch(() => null);
const results = [];
try {
  await conn.exec(`CREATE DATABASE IF NOT EXISTS ${DB}`);
  for (const rows of sizes) {
    const { parquet } = await generate(rows, ['parquet']);
    const table = `${DB}.orders_${rows}`;
    await conn.exec(`CREATE TABLE IF NOT EXISTS ${table} USING parquet LOCATION '${parquet}'`);
    console.error(`\n== ${rows} rows, Spark ${version}, ${executors ?? '?'} workers, ${repeat} rounds`);
    const runs = [];
    const floor = [];
    const bare = [];
    let fusedSql;
    let queries;
    // Untimed: the first statements after a table is created pay for Spark's planning caches and
    // code generation; without this the first round of whichever runs first is slower.
    await conn.query(`SELECT count(*) AS n FROM ${table}`);
    // Alternating assay, floor, count(*) in each round, so a noisy neighbour hits them alike.
    for (let round = 1; round <= repeat; round++) {
      const json = `${OUT}assay-spark-${rows}.json`;
      const run = await measure(
        process.execPath,
        [CLI, 'validate', 'spark', '--table', table, '--suite', SUITE, '--json', json, '--log-level', 'debug', '--log-format', 'json'],
        { cwd: ROOT },
      );
      if (run.code !== 1) {
        console.error(`  assay validate spark failed: exit ${run.code}\n${run.stderr.trim()}`);
        process.exitCode = 1;
        break;
      }
      const q = run.stderr
        .split('\n')
        .filter((l) => l.startsWith('{') && l.includes('"msg":"query"'))
        .map((l) => JSON.parse(l));
      fusedSql ??= q.find((x) => x.purpose === 'fused')?.sql;
      queries ??= { fused: q.filter((x) => x.purpose === 'fused').length, followUp: q.filter((x) => x.purpose === 'follow-up').length };
      runs.push(run.wall_s);
      if (!fusedSql) continue;
      let t0 = performance.now();
      await conn.query(fusedSql);
      floor.push(seconds(t0));
      t0 = performance.now();
      await conn.query(`SELECT count(*) AS n FROM ${table}`);
      bare.push(seconds(t0));
      console.error(
        `  round ${round}: assay ${run.wall_s.toFixed(2)} s, fused ${floor.at(-1).toFixed(2)} s, count(*) ${bare.at(-1).toFixed(2)} s`,
      );
    }
    results.push({
      rows,
      workers: executors,
      loadavg: loadavg(),
      assay_s: median(runs),
      floor_s: median(floor),
      count_s: median(bare),
      queries,
      runs,
    });
  }
} finally {
  await conn.close();
}

console.log(`\nSpark ${version}, standalone, ${executors ?? '?'} one-core workers; medians of ${repeat} round(s)\n`);
console.log('| rows | workers | `assay validate spark` | fused SQL alone (floor) | assay / floor | bare `count(*)` | queries | load avg |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |');
for (const r of results) {
  console.log(
    `| ${r.rows.toLocaleString('en-US')} | ${r.workers ?? '?'} | ${r.assay_s?.toFixed(1)} s | ${r.floor_s?.toFixed(1)} s | ${r.assay_s && r.floor_s ? (r.assay_s / r.floor_s).toFixed(2) : ''} | ${r.count_s?.toFixed(1)} s | ${r.queries ? `${r.queries.fused} fused + ${r.queries.followUp} follow-up` : ''} | ${r.loadavg[0].toFixed(1)} |`,
  );
}
const env = {
  date: new Date().toISOString(),
  node: process.version,
  cpus: cpus().length,
  cpu: cpus()[0]?.model,
  mem_gib: Math.round(totalmem() / 2 ** 30),
  spark: version,
};
writeFileSync(`${OUT}spark-results.json`, `${JSON.stringify({ env, results }, null, 2)}\n`);
console.error('\nwrote bench/out/spark-results.json');
