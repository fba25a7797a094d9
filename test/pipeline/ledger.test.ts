// The ledger is written so that a run either records what it committed or fails loudly (exit 3),
// and the next run never loads twice: the load's intent is recorded before the commit, and a run
// whose end is missing is settled from the receipt the target committed with the rows.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listRuns } from '../../src/pipeline/ledger.js';
import { assay, CLI, type CliRun } from '../cli/run-cli.js';
import { pipelineYaml, project, queryFile, run, SUITE_OK } from './helpers.js';

const A = 'id,amount\n1,10\n2,20\n';

/** `assay run`, held before its commit until `during` has run. */
function runPaused(file: string, during: () => void): Promise<CliRun> {
  const resume = path.join(path.dirname(file), `resume-${randomBytes(4).toString('hex')}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'run', file, '--quiet'], {
      env: { ...process.env, ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS: '120000', ASSAY_TEST_RESUME_FILE: resume },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => {
      stderr += String(d);
      if (stderr.includes('paused before commit') && !existsSync(resume)) {
        during();
        writeFileSync(resume, '');
      }
    });
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const targets = {
  parquet: {
    yaml: '{type: parquet, dir: out/lake}',
    rows: (dir: string) => queryFile(':memory:', `SELECT id FROM '${path.join(dir, 'out/lake/orders.parquet')}' ORDER BY id`),
  },
  duckdb: {
    yaml: '{type: duckdb, path: out/wh.duckdb}',
    rows: (dir: string) => queryFile(path.join(dir, 'out/wh.duckdb'), 'SELECT id FROM orders ORDER BY id'),
  },
};

describe('the run ledger', () => {
  for (const [name, t] of Object.entries(targets)) {
    it(`${name}: a ledger that cannot record the end of a committed load: exit 3, and the next run loads nothing twice`, async () => {
      const dir = project({ 'pipeline.yml': pipelineYaml({ target: t.yaml }), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
      const ledger = path.join(dir, '.assay/ledger.duckdb');
      const r = await runPaused(path.join(dir, 'pipeline.yml'), () => {
        // The intent is recorded; now the ledger breaks before the run can record its end.
        renameSync(ledger, `${ledger}.saved`);
        writeFileSync(ledger, 'this is not a DuckDB database');
      });
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(
        /the load committed \(2 rows into .*\) and its files count as loaded, but the end of the run could not be recorded: the run ledger .*ledger.duckdb cannot be opened/,
      );
      expect((await t.rows(dir)).map((x) => Number(x.id))).toEqual([1, 2]);

      renameSync(`${ledger}.saved`, ledger);
      const next = await run(dir);
      expect(next.status).toBe('nothing_new');
      expect((await t.rows(dir)).map((x) => Number(x.id))).toEqual([1, 2]);
      const runs = await listRuns(path.join(dir, '.assay'));
      expect(runs.map((x) => x.status)).toEqual(['nothing_new', 'loaded']);
      expect(runs[1]!.message).toMatch(/its load committed; the ledger learned it from the target/);
    });
  }

  it('a damaged or truncated ledger is exit 3 with what to do, for assay run and assay runs', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    await run(dir);
    const ledger = path.join(dir, '.assay/ledger.duckdb');
    truncateSync(ledger, Math.floor(statSync(ledger).size / 3));
    for (const args of [
      ['run', path.join(dir, 'pipeline.yml')],
      ['runs', path.join(dir, 'pipeline.yml')],
    ]) {
      const r = assay(args);
      expect(r.code, r.stderr).toBe(3);
      expect(r.stderr).toMatch(
        /error: the run ledger .*ledger.duckdb cannot be (opened|read or written): .*; if the file is damaged, move it aside \(mv .*ledger.duckdb .*ledger.duckdb.damaged\)/,
      );
      expect(r.stderr).not.toMatch(/internal error/);
    }
    writeFileSync(ledger, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)));
    expect(assay(['run', path.join(dir, 'pipeline.yml')]).code).toBe(3);
  });
});

describe('working databases', () => {
  it('only the newest runs of a pipeline keep their work.duckdb; the rest of their folders stay', async () => {
    const dir = project({ 'pipeline.yml': pipelineYaml(), 'suites/raw.yml': SUITE_OK, 'staging/a.csv': A });
    const dirs: string[] = [];
    for (let i = 0; i < 7; i++) dirs.push((await run(dir)).run_dir);
    expect(dirs.map((d) => existsSync(path.join(d, 'work.duckdb')))).toEqual([false, false, true, true, true, true, true]);
    expect(dirs.every((d) => existsSync(path.join(d, 'run.json')))).toBe(true);
  });
});
