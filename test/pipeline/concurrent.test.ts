// Two pipelines loading one target at once, as real processes: the second waits for the first
// and both loads land, or (lock_timeout passed) the second is refused with exit 3 and loads its
// files on its next run. Never a silent loss. The same for a DuckDB file, a Parquet table and a
// PostgreSQL table.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, type CliRun } from '../cli/run-cli.js';
import { project, queryFile, SUITE_OK } from './helpers.js';

const URL = process.env.DATABASE_URL;
if (!URL) console.warn('SKIPPED: concurrent loads into PostgreSQL (test/pipeline/concurrent.test.ts): DATABASE_URL is not set');
const schema = `assay_concurrent_${randomBytes(4).toString('hex')}`;

/** Runs `assay run`; resolves when it ends, calling `onStderr` with everything it has written so far. */
function start(file: string, env: Record<string, string> = {}, onStderr?: (text: string) => void): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', file, '--log-format', 'json'], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => {
      stderr += String(d);
      onStderr?.(stderr);
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/**
 * Starts `first` and holds it inside its load (before the commit); once it is there, starts
 * `second`, and lets `first` commit when `second` has said `release` (or has ended).
 */
async function overlapping(first: string, second: string, release: RegExp): Promise<[CliRun, CliRun]> {
  const resume = path.join(path.dirname(first), `resume-${randomBytes(4).toString('hex')}`);
  let paused!: () => void;
  const inLoad = new Promise<void>((r) => (paused = r));
  const a = start(first, { ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS: '120000', ASSAY_TEST_RESUME_FILE: resume }, (t) => {
    if (t.includes('paused before commit')) paused();
  });
  await Promise.race([inLoad, a.then((r) => Promise.reject(new Error(`the first run ended early: ${r.stderr}`)))]);
  const go = () => writeFileSync(resume, '');
  const b = await start(second, {}, (t) => release.test(t) && go());
  go();
  return [await a, b];
}

const pipeline = (name: string, target: string, extra = '') => `name: ${name}
sources:
  files: {path: staging_${name}/*.csv}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  - validate: {table: raw, suite: suites/raw.yml}
load:
  target: ${target}
  table: orders
  mode: append
${extra}`;

interface Case {
  name: string;
  target: string;
  rows(dir: string): Promise<number[]>;
}

const cases: Case[] = [
  {
    name: 'Parquet table',
    target: '{type: parquet, dir: out/lake}',
    rows: async (dir) =>
      (await queryFile(':memory:', `SELECT id FROM '${path.join(dir, 'out/lake/orders.parquet')}' ORDER BY id`)).map((r) => Number(r.id)),
  },
  {
    name: 'DuckDB file',
    target: '{type: duckdb, path: out/warehouse.duckdb}',
    rows: async (dir) =>
      (await queryFile(path.join(dir, 'out/warehouse.duckdb'), 'SELECT id FROM orders ORDER BY id')).map((r) => Number(r.id)),
  },
];
if (URL) {
  cases.push({
    name: 'PostgreSQL table',
    target: `{type: postgres, url_env: DATABASE_URL, schema: ${schema}}`,
    rows: async () => {
      const c = new pg.Client({ connectionString: URL });
      await c.connect();
      try {
        return (await c.query(`SELECT id::int AS id FROM ${schema}.orders ORDER BY id`)).rows.map((r) => r.id);
      } finally {
        await c.end();
      }
    },
  });
}

describe('two pipelines loading one target at once', () => {
  let db: pg.Client | undefined;
  beforeAll(async () => {
    if (!URL) return;
    db = new pg.Client({ connectionString: URL });
    await db.connect();
  });
  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.end();
  });
  const fresh = async () => db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);

  for (const c of cases) {
    it(`${c.name}: the second waits for the first, and both loads land`, async () => {
      await fresh();
      const dir = project({
        'a.yml': pipeline('a', c.target),
        'b.yml': pipeline('b', c.target),
        'suites/raw.yml': SUITE_OK,
        'staging_a/1.csv': 'id,amount\n1,10\n2,20\n',
        'staging_b/1.csv': 'id,amount\n3,30\n4,40\n',
      });
      const [a, b] = await overlapping(path.join(dir, 'a.yml'), path.join(dir, 'b.yml'), /waiting for it/);
      expect([a.code, b.code], a.stderr + b.stderr).toEqual([0, 0]);
      expect(b.stderr).toMatch(/another run is loading the target; waiting for it/);
      expect(await c.rows(dir)).toEqual([1, 2, 3, 4]);
      if (c.name.startsWith('Parquet')) expect(readdirSync(path.join(dir, 'out/lake'))).toEqual(['orders.parquet']);
    });

    it(`${c.name}: past lock_timeout the second is refused (exit 3), writes nothing, and loads on its next run`, async () => {
      await fresh();
      const dir = project({
        'a.yml': pipeline('a', c.target),
        'b.yml': pipeline('b', c.target, '  lock_timeout: 0.5\n'),
        'suites/raw.yml': SUITE_OK,
        'staging_a/1.csv': 'id,amount\n1,10\n2,20\n',
        'staging_b/1.csv': 'id,amount\n3,30\n4,40\n',
      });
      const [a, b] = await overlapping(path.join(dir, 'a.yml'), path.join(dir, 'b.yml'), /(?!)/);
      expect(a.code, a.stderr).toBe(0);
      expect(b.code, b.stderr).toBe(3);
      expect(b.stderr).toMatch(/is being loaded by another run \(.*\); waited \d+ s for it \(load.lock_timeout\), nothing was written/);
      expect(await c.rows(dir)).toEqual([1, 2]);
      const again = await start(path.join(dir, 'b.yml'));
      expect(again.code, again.stderr).toBe(0);
      expect(await c.rows(dir)).toEqual([1, 2, 3, 4]);
    });
  }
});
