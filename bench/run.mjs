#!/usr/bin/env node
// `npm run bench`: times whole processes on the `orders` workload of BENCHMARKS.md.
//   (a) assay validate  (b) the fused-query floor  (c) one query per expectation
// run in round-robin order (a, b, c, a, b, c, ...) so drift in the machine's state (page cache,
// thermal, neighbours) hits all three alike; reports medians, ratios a/b, peak RSS.
// Usage: node bench/run.mjs [--rows 1000000,10000000] [--formats csv,parquet] [--repeat 5]
//                           [--cli dist/src/cli/main.js]  (another Assay build, e.g. to compare)
//        node bench/run.mjs --dialect postgres ...       (bench/postgres.mjs)
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generate } from './generate.mjs';
import { measure, method } from './measure.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = `${ROOT}bench/out/`;
const SUITE = 'bench/orders.suite.yml';
const EXPECTED_FAILED = 4; // status, email, created_at, country

// `npm run bench -- --dialect postgres` runs bench/postgres.mjs, which reads its own options.
const argv = process.argv.slice(2);
const postgres = argv.includes('--dialect=postgres') || argv.some((a, i) => a === '--dialect' && argv[i + 1] === 'postgres');
const USAGE =
  'usage: node bench/run.mjs [--rows 1000000,10000000] [--formats csv,parquet] [--repeat 5] [--cli <main.js>] [--dialect duckdb|postgres]';
let opts;
try {
  ({ values: opts } = parseArgs({
    strict: !postgres,
    options: {
      rows: { type: 'string', default: '1000000,10000000' },
      formats: { type: 'string', default: 'csv,parquet' },
      repeat: { type: 'string', default: '5' },
      cli: { type: 'string', default: 'dist/src/cli/main.js' },
      dialect: { type: 'string', default: 'duckdb' },
    },
  }));
} catch (e) {
  console.error(`${e.message}\n${USAGE}`);
  process.exit(2);
}
const CLI = opts.cli;

const approaches = [
  { id: 'a', name: 'assay validate', args: (file, json) => [CLI, 'validate', file, '--suite', SUITE, '--json', json], okCodes: [0, 1] },
  { id: 'b', name: 'fused query (floor)', args: (file) => ['bench/floor.mjs', file], okCodes: [0] },
  { id: 'c', name: 'query per expectation', args: (file) => ['bench/per-expectation.mjs', file], okCodes: [0] },
];

/** Failed-expectation count in Assay's JSON result, found without assuming its exact shape. */
function assayFailedCount(jsonFile) {
  const find = (v) => {
    if (Array.isArray(v) && v.length === 15 && v.every((r) => typeof r?.success === 'boolean')) return v;
    if (v && typeof v === 'object')
      for (const x of Object.values(v)) {
        const r = find(x);
        if (r) return r;
      }
    return null;
  };
  try {
    return find(JSON.parse(readFileSync(jsonFile, 'utf8')))?.filter((r) => !r.success).length ?? null;
  } catch {
    return null;
  }
}

/** Sanity check of a run's answer, once per approach and file: a fast wrong answer is no result. */
function check(ap, run, json) {
  if (ap.id === 'a') {
    const failed = assayFailedCount(json);
    if (failed === null) return `could not find 15 results with "success" in ${json}`;
    return failed === EXPECTED_FAILED ? null : `${failed} expectations failed, expected ${EXPECTED_FAILED}`;
  }
  return JSON.parse(run.stdout).asExpected ? null : 'verdicts differ from BENCHMARKS.md (see its stdout)';
}

const median = (xs) => {
  const s = xs.filter((x) => x != null).sort((p, q) => p - q);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null;
};
const fmt = (x, unit, digits = 2) => (x == null ? 'pending' : `${x.toFixed(digits)}${unit}`);
const ratio = (x, y) => (x == null || y == null ? null : x / y);

async function main() {
  const sizes = opts.rows.split(',').map(Number);
  const formats = opts.formats.split(',');
  const repeat = Number(opts.repeat);
  if (
    sizes.some((n) => !Number.isInteger(n) || n < 1) ||
    !formats.every((f) => ['csv', 'parquet'].includes(f)) ||
    !(repeat >= 1) ||
    opts.dialect !== 'duckdb'
  ) {
    console.error(USAGE);
    process.exit(2);
  }
  mkdirSync(OUT, { recursive: true });
  // Other work on the machine skews every figure; record the load so a noisy run can be recognised.
  const loadBefore = loadavg()[0];
  if (loadBefore > cpus().length / 2)
    console.error(`bench: load average ${loadBefore.toFixed(1)} on ${cpus().length} cores: figures will be noisy`);

  const haveCli = existsSync(resolve(ROOT, CLI));
  if (!haveCli) console.error(`bench: skipping (a) assay validate: ${CLI} not found (the CLI is not built yet)`);

  const results = [];
  for (const rows of sizes) {
    const files = await generate(rows, formats);
    for (const format of formats) {
      const file = files[format];
      const rel = file.slice(ROOT.length);
      const mb = statSync(file).size / 1e6;
      console.error(`\n== ${rows} rows, ${format} (${mb.toFixed(0)} MB), ${repeat} rounds`);
      const cell = Object.fromEntries(
        approaches.map((a) => [a.id, { runs: [], skipped: a.id === 'a' && !haveCli ? `${CLI} missing` : null, error: null }]),
      );
      for (let round = 1; round <= repeat; round++) {
        for (const ap of approaches) {
          const c = cell[ap.id];
          if (c.skipped || c.error) continue;
          const json = `${OUT}assay-${rows}.${format}.json`;
          rmSync(json, { force: true }); // never check a stale result
          const run = await measure(process.execPath, ap.args(rel, json), { cwd: ROOT });
          if (!ap.okCodes.includes(run.code)) {
            c.error = `exit ${run.code}${run.signal ? ` (${run.signal})` : ''}`;
            console.error(`  (${ap.id}) ${ap.name} failed: ${c.error}\n${run.stderr.trim()}`);
            continue;
          }
          if (round === 1) {
            c.check = check(ap, run, json);
            if (c.check) console.error(`  (${ap.id}) warning: ${c.check}`);
          }
          c.runs.push({ wall_s: run.wall_s, cpu_s: run.cpu_s, rss_mib: run.rss_mib });
          console.error(
            `  round ${round} (${ap.id}) ${run.wall_s.toFixed(2)} s, cpu ${fmt(run.cpu_s, ' s')}, ${fmt(run.rss_mib, ' MiB', 0)}`,
          );
        }
      }
      const stats = Object.fromEntries(
        Object.entries(cell).map(([id, c]) => [
          id,
          {
            ...c,
            wall_s: median(c.runs.map((r) => r.wall_s)),
            cpu_s: median(c.runs.map((r) => r.cpu_s)),
            rss_mib: median(c.runs.map((r) => r.rss_mib)),
          },
        ]),
      );
      results.push({
        rows,
        format,
        file: rel,
        mb: Math.round(mb),
        ...stats,
        a_over_b: {
          wall: ratio(stats.a.wall_s, stats.b.wall_s),
          cpu: ratio(stats.a.cpu_s, stats.b.cpu_s),
          rss: ratio(stats.a.rss_mib, stats.b.rss_mib),
        },
        c_over_b: {
          wall: ratio(stats.c.wall_s, stats.b.wall_s),
          cpu: ratio(stats.c.cpu_s, stats.b.cpu_s),
          rss: ratio(stats.c.rss_mib, stats.b.rss_mib),
        },
      });
    }
  }

  // Medians per approach; peak memory is each process's peak RSS (median over the rounds).
  console.log(`\nmedians of ${repeat} round(s): wall time / CPU time (user + system) / peak RSS (by ${method()})\n`);
  console.log(
    '| rows | format | (a) assay validate | (b) fused floor | (c) query per expectation | a/b wall | a/b CPU | a/b memory | c/b wall |',
  );
  console.log('| ---: | --- | --- | --- | --- | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    const cell = (s) =>
      s.runs.length
        ? `${fmt(s.wall_s, ' s')} / ${fmt(s.cpu_s, ' s')} / ${fmt(s.rss_mib, ' MiB', 0)}`
        : s.skipped
          ? `pending (${s.skipped})`
          : `error (${s.error})`;
    const x = (v) => fmt(v, 'x');
    console.log(
      `| ${r.rows.toLocaleString('en-US')} | ${r.format} (${r.mb} MB) | ${cell(r.a)} | ${cell(r.b)} | ${cell(r.c)} | ${x(r.a_over_b.wall)} | ${x(r.a_over_b.cpu)} | ${x(r.a_over_b.rss)} | ${x(r.c_over_b.wall)} |`,
    );
  }

  const env = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    mem_gib: Math.round(totalmem() / 2 ** 30),
    rss_method: method(),
    repeat,
    load_avg_1min: { before: loadBefore, after: loadavg()[0] },
    duckdb: JSON.parse(readFileSync(`${ROOT}node_modules/@duckdb/node-api/package.json`, 'utf8')).version,
  };
  // Merged by (rows, format) into earlier results, so a quick subset run does not erase the rest.
  const file = `${OUT}results.json`;
  const key = (r) => `${r.rows}.${r.format}`;
  let merged = [];
  try {
    merged = JSON.parse(readFileSync(file, 'utf8')).results ?? [];
  } catch {
    /* first run */
  }
  merged = [...merged.filter((r) => !results.some((n) => key(n) === key(r))), ...results.map((r) => ({ ...r, env }))];
  merged.sort((p, q) => p.rows - q.rows || p.format.localeCompare(q.format));
  writeFileSync(file, `${JSON.stringify({ results: merged }, null, 2)}\n`);
  console.error(`\nwrote bench/out/results.json`);
  // A crashed approach fails the bench; a skipped (a) does not, nor do warnings of check().
  if (results.some((r) => [r.a, r.b, r.c].some((s) => s.error))) process.exitCode = 1;
}

if (opts.dialect === 'postgres') await import('./postgres.mjs');
else await main();
