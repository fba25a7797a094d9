// Pipeline projects written into temp folders, and a look into DuckDB target files.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { Row } from '../../src/engine/types.js';
import { runPipeline, type PipelineOutcome, type RunOptions } from '../../src/pipeline/run.js';
import type { PipelineRunResult } from '../../src/pipeline/types.js';
import { CLI } from '../cli/run-cli.js';

/** A fresh folder holding the given files (nested paths allowed). */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'assay-pipeline-'));
  write(dir, files);
  return dir;
}

export function write(dir: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/** Runs a pipeline in this process, quietly: how it ended. */
export function attempt(dir: string, opts: RunOptions = {}, file = 'pipeline.yml'): Promise<PipelineOutcome> {
  return runPipeline(path.join(dir, file), { logLevel: 'silent', ...opts });
}

/** Runs a pipeline in this process, quietly: its record, or the error that stopped it thrown. */
export async function run(dir: string, opts: RunOptions = {}, file = 'pipeline.yml'): Promise<PipelineRunResult> {
  const outcome = await attempt(dir, opts, file);
  if (outcome.status === 'error') throw outcome.error;
  return outcome.run;
}

/** Runs a pipeline that must fail once started: the error that stopped it, and the run's record. */
export async function runFailing(dir: string, opts: RunOptions = {}): Promise<{ error: any; run: PipelineRunResult }> {
  const outcome = await attempt(dir, opts);
  if (outcome.status !== 'error' || !outcome.run) throw new Error(`expected a run that failed, got ${outcome.status}`);
  return { error: outcome.error, run: outcome.run };
}

/** Rows of a query on a DuckDB file (opened and closed around it). */
export async function queryFile(file: string, sql: string): Promise<Row[]> {
  const conn = await DuckDBConnection.open(file);
  try {
    return await conn.query(sql);
  } finally {
    await conn.close();
  }
}

export const SUITE_OK = `name: raw
expectations:
  - type: expect_column_values_to_not_be_null
    kwargs: {column: id}
  - type: expect_column_values_to_be_between
    kwargs: {column: amount, min_value: 0}
`;

/** A pipeline over staged CSV files, loading into `target` (YAML flow map). */
export function pipelineYaml(
  opts: {
    target?: string;
    mode?: string;
    keys?: string[];
    gate?: string;
    extra?: string;
    transform?: string;
    name?: string;
    source?: string;
  } = {},
): string {
  return `name: ${opts.name ?? 'orders'}
sources:
  files: {path: ${opts.source ?? 'staging/*.csv'}}
steps:
  - extract: {table: raw, sql: "SELECT * FROM files"}
  - validate: {table: raw, suite: suites/raw.yml}
  - transform: {table: final, sql: "${opts.transform ?? 'SELECT * FROM raw'}"}
load:
  target: ${opts.target ?? '{type: duckdb, path: out/warehouse.duckdb}'}
  table: orders
  mode: ${opts.mode ?? 'append'}
${opts.keys ? `  keys: [${opts.keys.join(', ')}]\n` : ''}gate: ${opts.gate ?? 'strict'}
${opts.extra ?? ''}`;
}

/** Starts `assay run` with a pause inside the load's transaction, and kills it there with SIGKILL. */
export function killDuringLoad(dir: string, file = 'pipeline.yml'): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'run', path.join(dir, file), '--quiet'], {
      env: { ...process.env, ASSAY_TEST_PAUSE_BEFORE_COMMIT_MS: '30000' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the run never reached the pause: ${err}`));
    }, 60_000);
    child.stderr.on('data', (d) => {
      err += String(d);
      if (err.includes('paused before commit')) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal === 'SIGKILL') resolve();
      else reject(new Error(`the run ended by itself: ${err}`));
    });
  });
}
