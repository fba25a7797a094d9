// Loads happen in one transaction (DuckDB) or one rename (Parquet): a run killed with kill -9
// during the load leaves the target as it was, and re-running gives what one clean run gives.
// Runs of one pipeline never overlap.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PipelineBusyError } from '../../src/errors.js';
import { acquireLock, lockFile, processStart } from '../../src/pipeline/lock.js';
import { listRuns } from '../../src/pipeline/ledger.js';
import { assay, CLI } from '../cli/run-cli.js';
import { killDuringLoad, pipelineYaml, project, queryFile, run, SUITE_OK, write } from './helpers.js';

const A = 'id,amount\n1,10\n2,20\n3,30\n';
const B = 'id,amount\n3,33\n4,40\n';

async function killedThenRerun(targetYaml: string, read: (dir: string) => Promise<unknown>) {
  const yaml = pipelineYaml({ target: targetYaml, mode: 'upsert', keys: ['id'] });
  const dir = project({ 'pipeline.yml': yaml, 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
  await run(dir);
  write(dir, { 'staging/b.csv': B });
  const before = await read(dir);
  await killDuringLoad(dir);
  expect(await read(dir)).toEqual(before);

  const clean = project({ 'pipeline.yml': yaml, 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
  await run(clean);
  write(clean, { 'staging/b.csv': B });
  await run(clean);

  const rerun = await run(dir);
  expect(rerun).toMatchObject({ status: 'loaded', load: { rows: 2 } });
  expect(await read(dir)).toEqual(await read(clean));
  // The killed run is in the ledger as abandoned; its lock was taken over.
  const runs = await listRuns(path.join(dir, '.assay'));
  expect(runs.map((r) => r.status)).toEqual(['loaded', 'abandoned', 'loaded']);
  return dir;
}

describe('atomic loads', () => {
  it('DuckDB target: kill -9 inside the transaction, then a clean re-run', async () => {
    await killedThenRerun('{type: duckdb, path: out/warehouse.duckdb}', (dir) =>
      queryFile(path.join(dir, 'out/warehouse.duckdb'), 'SELECT * FROM orders ORDER BY id'),
    );
  });

  it('Parquet target: kill -9 before the rename, then a clean re-run', async () => {
    const dir = await killedThenRerun('{type: parquet, dir: out/lake}', (d) =>
      queryFile(':memory:', `SELECT * FROM '${path.join(d, 'out/lake/orders.parquet')}' ORDER BY id`),
    );
    expect(readdirSync(path.join(dir, 'out/lake'))).toEqual(['orders.parquet']); // the killed run's temp folder is gone
  });
});

describe('Parquet target', () => {
  it('append, upsert, replace, with new columns; a type change is refused', async () => {
    const read = (dir: string) => queryFile(':memory:', `SELECT * FROM '${path.join(dir, 'lake/orders.parquet')}' ORDER BY id, amount`);
    const dir = project({
      'pipeline.yml': pipelineYaml({ target: '{type: parquet, dir: lake}' }),
      'suites/raw.yml': SUITE_OK,
      'staging/a.csv': A,
    });
    await run(dir);
    write(dir, { 'staging/b.csv': 'id,amount,note\n3,33,x\n' });
    expect((await run(dir)).load).toMatchObject({ rows: 1, added_columns: ['note'] });
    expect(await read(dir)).toEqual([
      { id: 1, amount: 10, note: null },
      { id: 2, amount: 20, note: null },
      { id: 3, amount: 30, note: null },
      { id: 3, amount: 33, note: 'x' },
    ]);
    write(dir, {
      'pipeline.yml': pipelineYaml({ target: '{type: parquet, dir: lake}', mode: 'upsert', keys: ['id'] }),
      'staging/c.csv': 'id,amount,note\n3,34,y\n5,50,z\n',
    });
    await run(dir);
    expect(await read(dir)).toEqual([
      { id: 1, amount: 10, note: null },
      { id: 2, amount: 20, note: null },
      { id: 3, amount: 34, note: 'y' },
      { id: 5, amount: 50, note: 'z' },
    ]);
    write(dir, {
      'pipeline.yml': pipelineYaml({ target: '{type: parquet, dir: lake}', mode: 'replace' }),
      'staging/d.csv': 'id,amount\n9,90\n',
    });
    await run(dir);
    expect(await read(dir)).toEqual([{ id: 9, amount: 90, note: null }]);
    write(dir, {
      'staging/e.csv': 'id,amount\n10,lots\n',
      'suites/raw.yml': 'name: r\nexpectations:\n  - type: expect_column_values_to_not_be_null\n    kwargs: {column: id}\n',
    });
    await expect(run(dir)).rejects.toThrow(/column "amount" is VARCHAR in the data but BIGINT in the target/);
    expect(await read(dir)).toEqual([{ id: 9, amount: 90, note: null }]);
  });
});

describe('one run at a time', () => {
  it('a second run of a running pipeline stops with a clear message (exit 2)', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    const first = spawn(process.execPath, [CLI, 'run', path.join(dir, 'pipeline.yml'), '--quiet'], {
      env: { ...process.env, ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS: '30000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      await new Promise<void>((resolve, reject) => {
        let err = '';
        first.stderr.on('data', (d) => {
          err += String(d);
          if (err.includes('paused before commit')) resolve();
        });
        first.on('exit', () => reject(new Error(err)));
      });
      const second = assay(['run', path.join(dir, 'pipeline.yml')]);
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(
        new RegExp(
          `error: pipeline orders is already running \\(run orders-\\S+, pid ${first.pid} on .*\\); runs of one pipeline never overlap`,
        ),
      );
    } finally {
      first.kill('SIGKILL');
    }
  });

  it('a lock whose process is gone is taken over; a live one is not', () => {
    const dir = project({});
    const lock = acquireLock(dir, 'p', 'run-1');
    expect(() => acquireLock(dir, 'p', 'run-2')).toThrow(PipelineBusyError);
    lock.release();
    expect(existsSync(lockFile(dir, 'p'))).toBe(false);

    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(lockFile(dir, 'p'), JSON.stringify({ pid: Number(gone.stdout), host: os.hostname(), run_id: 'dead', started_at: 'x' }));
    const taken = acquireLock(dir, 'p', 'run-3');
    expect(taken.takenOver).toMatchObject({ run_id: 'dead' });
    taken.release();
  });

  it('stale locks never block: an empty lock file (a kill inside its creation), a pid the kernel gave to another process', () => {
    const dir = project({});
    const file = lockFile(dir, 'p');
    const lock = acquireLock(dir, 'p', 'run-1');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      run_id: 'run-1',
      pid_start: processStart(process.pid),
    });
    lock.release();

    writeFileSync(file, '');
    const afterEmpty = acquireLock(dir, 'p', 'run-2');
    expect(afterEmpty.takenOver).toBeUndefined();
    afterEmpty.release();

    // This very process is alive, but started at another time than the lock says: the pid was reused.
    const recycled = { pid: process.pid, host: os.hostname(), run_id: 'old', started_at: 'x', pid_start: '1' };
    writeFileSync(file, JSON.stringify(recycled));
    const taken = acquireLock(dir, 'p', 'run-3');
    expect(taken.takenOver).toMatchObject({ run_id: 'old' });
    taken.release();

    // The same pid with its real start time is the live owner.
    writeFileSync(file, JSON.stringify({ ...recycled, pid_start: processStart(process.pid) }));
    expect(() => acquireLock(dir, 'p', 'run-4')).toThrow(PipelineBusyError);
    // Nothing was left beside the lock (temporary names, stale copies).
    expect(readdirSync(path.dirname(file))).toEqual(['p.lock']);
  });

  it('the CLI takes over an empty lock file instead of waiting for someone to delete it', () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    write(dir, { '.assay/locks/orders.lock': '' });
    const r = assay(['run', path.join(dir, 'pipeline.yml'), '--quiet']);
    expect(r.code, r.stderr).toBe(0);
  });
});
