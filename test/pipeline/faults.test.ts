// Faults of the machine are exit code 3 with a message saying what to do, never exit 4: a
// read-only target folder, a full disk, a PostgreSQL role that may not write the target. The
// read-only and full file systems are real (tmpfs mounts made here), so these tests need root;
// elsewhere they are skipped with a message (CI runs as root, where they must run).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { assay } from '../cli/run-cli.js';
import { pipelineYaml, project, queryFile, SUITE_OK, write } from './helpers.js';

const root = process.getuid?.() === 0;
if (!root) {
  if (process.env.CI === 'true') throw new Error('test/pipeline/faults.test.ts needs root (to mount tmpfs) and CI runs as root');
  console.warn('SKIPPED: read-only and full file systems (test/pipeline/faults.test.ts): mounting tmpfs needs root');
}
const URL = process.env.DATABASE_URL;
if (!URL) console.warn('SKIPPED: a PostgreSQL role denied the target (test/pipeline/faults.test.ts): DATABASE_URL is not set');

const mounts: string[] = [];
function mountTmpfs(dir: string, options: string): void {
  mkdirSync(dir, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', options, 'tmpfs', dir]);
  mounts.push(dir);
}
afterAll(() => {
  for (const dir of mounts.reverse()) execFileSync('umount', ['-l', dir]);
});

const A = 'id,amount\n1,10\n2,20\n';
const B = 'id,amount\n3,30\n';

describe.skipIf(!root)('faults of the file system', () => {
  for (const [name, target] of [
    ['DuckDB file in a new folder', '{type: duckdb, path: ro/new/wh.duckdb}'],
    ['Parquet folder', '{type: parquet, dir: ro/lake}'],
  ]) {
    it(`a read-only target folder (${name}) is exit 3 saying so`, () => {
      const dir = project({ 'pipeline.yml': pipelineYaml({ target }), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
      mountTmpfs(path.join(dir, 'ro'), 'ro,size=1m');
      const r = assay(['run', path.join(dir, 'pipeline.yml'), '--quiet']);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(/error: cannot write the target .*read-only file system.*write somewhere else, then run again/i);
      expect(r.stderr).not.toMatch(/internal error/);
    });
  }

  it('a full disk on the second run is exit 3; nothing is torn, and the run after freeing space loads', async () => {
    const dir = project({});
    const disk = path.join(dir, 'disk');
    mountTmpfs(disk, 'size=24m');
    write(disk, {
      'pipeline.yml': pipelineYaml({ target: '{type: parquet, dir: lake}' }),
      'suites/raw.yml': SUITE_OK,
      'staging/a.csv': A,
    });
    const file = path.join(disk, 'pipeline.yml');
    const rows = async () =>
      (await queryFile(':memory:', `SELECT id FROM '${path.join(disk, 'lake/orders.parquet')}' ORDER BY id`)).map((r) => Number(r.id));
    expect(assay(['run', file, '--quiet']).code).toBe(0);
    write(disk, { 'staging/b.csv': B });
    // Fill the disk to the last byte.
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${path.join(disk, 'fill')}`, 'bs=1M'], { stdio: 'ignore' });
    } catch {
      /* dd stops with "No space left on device" */
    }
    const full = assay(['run', file, '--quiet']);
    expect(full.code, full.stderr).toBe(3);
    expect(full.stderr).toMatch(/the disk is full: free space, then run again/);
    expect(full.stderr).not.toMatch(/internal error/);
    expect(await rows()).toEqual([1, 2]);

    rmSync(path.join(disk, 'fill'));
    const freed = assay(['run', file, '--quiet']);
    expect(freed.code, freed.stderr).toBe(0);
    expect(await rows()).toEqual([1, 2, 3]);
  });
});

describe.skipIf(!URL)('a PostgreSQL role that may not write the target', () => {
  const schema = `assay_denied_${randomBytes(4).toString('hex')}`;
  const role = `assay_denied_${randomBytes(4).toString('hex')}`;
  let db: pg.Client;
  afterAll(async () => {
    await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db?.query(`DROP OWNED BY ${role}`).catch(() => {});
    await db?.query(`DROP ROLE IF EXISTS ${role}`);
    await db?.end();
  });

  it('is exit 3, naming the grants it lacks', async () => {
    db = new pg.Client({ connectionString: URL });
    await db.connect();
    await db.query(`CREATE ROLE ${role} LOGIN`);
    await db.query(`CREATE SCHEMA ${schema}`);
    await db.query(`CREATE TABLE ${schema}.orders (id bigint, amount bigint)`);
    await db.query(
      `CREATE TABLE ${schema}._assay_loads (run_id text NOT NULL, pipeline text NOT NULL, table_name text NOT NULL, loaded_at timestamptz NOT NULL)`,
    );
    await db.query(`GRANT USAGE ON SCHEMA ${schema} TO ${role}`);
    await db.query(`GRANT SELECT, INSERT ON ${schema}._assay_loads TO ${role}`);
    const url = new globalThis.URL(URL!);
    url.username = role;
    url.password = '';
    const dir = project({
      'pipeline.yml': pipelineYaml({ target: `{type: postgres, url_env: DENIED_URL, schema: ${schema}}` }),
      'suites/raw.yml': SUITE_OK,
      'staging/a.csv': A,
    });
    const r = assay(['run', path.join(dir, 'pipeline.yml'), '--quiet'], { env: { DENIED_URL: url.toString() } });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(
      new RegExp(
        `error: PostgreSQL denied the load of ${schema}.orders \\(nothing was written\\): permission denied for table orders; grant the role of \\$DENIED_URL`,
      ),
    );
    expect((await db.query(`SELECT count(*)::int AS n FROM ${schema}.orders`)).rows).toEqual([{ n: 0 }]);
  });
});
