// The run ledger: a DuckDB file in the state folder recording each run and the sha256 of every
// staged file a run loaded, so a re-run skips files already loaded. It is opened only for the
// moment of each write (DuckDB locks a file per process), with retries when another run of
// another pipeline in the same folder holds it (../connections/duckdb-file.ts).
//
// A load is recorded in two steps around its commit: first its intent (the run is `committing`,
// its files are in loaded_files), then its end. A run that dies, or cannot write the ledger,
// between the two is settled by the next run, which asks the target for the load's receipt
// (./load/marker.ts, ./reconcile.ts): committed, its files stay loaded; not, they are read again.
// A ledger that cannot be opened or written fails the run with exit code 3, never silently.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { withDuckDBFile } from '../connections/duckdb-file.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Row } from '../engine/types.js';
import { LedgerError } from '../errors.js';
import { makeDir } from './faults.js';
import type { RunStatus, StagedFile } from './types.js';

export interface RunRow {
  run_id: string;
  pipeline: string;
  pipeline_file: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus | 'abandoned' | 'committing';
  gate: string | null;
  exit_code: number | null;
  rows_loaded: number | null;
  target: string | null;
  run_dir: string;
  message: string | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS runs (
  run_id VARCHAR PRIMARY KEY, pipeline VARCHAR NOT NULL, pipeline_file VARCHAR, started_at TIMESTAMPTZ NOT NULL,
  ended_at TIMESTAMPTZ, status VARCHAR NOT NULL, gate VARCHAR, exit_code INTEGER, rows_loaded BIGINT,
  target VARCHAR, run_dir VARCHAR, message VARCHAR);
CREATE TABLE IF NOT EXISTS loaded_files (
  pipeline VARCHAR NOT NULL, source VARCHAR NOT NULL, sha256 VARCHAR NOT NULL, path VARCHAR NOT NULL,
  bytes BIGINT, run_id VARCHAR NOT NULL, loaded_at TIMESTAMPTZ NOT NULL);`;

export function ledgerFile(stateDir: string): string {
  return path.join(stateDir, 'ledger.duckdb');
}

/** What to do about a ledger that fails, by what the error says. */
function ledgerAdvice(file: string, reason: string): string {
  if (/no space left|disk is full|ENOSPC|quota/i.test(reason)) return 'the disk is full: free space, then run again';
  if (/read-only|permission denied|EACCES|EPERM|EROFS/i.test(reason))
    return `the state folder cannot be written: make ${path.dirname(file)} writable (or give --state-dir), then run again`;
  if (/lock/i.test(reason)) return 'another process keeps the ledger open: wait for it to end, then run again';
  return (
    `if the file is damaged, move it aside (mv ${file} ${file}.damaged) and run again: Assay starts a new ledger, and ` +
    'files an earlier run loaded are then loaded again unless you take them out of the staging folders'
  );
}

async function withLedger<T>(stateDir: string, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const file = ledgerFile(stateDir);
  const fail = (doing: string, err: unknown): LedgerError => {
    const reason = String((err as Error)?.message ?? err).split('\n')[0]!;
    return new LedgerError(`the run ledger ${file} cannot be ${doing}: ${reason}; ${ledgerAdvice(file, reason)}`, file, { cause: err });
  };
  try {
    makeDir(stateDir);
  } catch (err) {
    throw fail('created', err);
  }
  let opened = false;
  try {
    return await withDuckDBFile(file, async (conn) => {
      opened = true;
      await conn.exec(SCHEMA);
      return fn(conn);
    });
  } catch (err) {
    throw fail(opened ? 'read or written' : 'opened', err);
  }
}

const s = (v: unknown) => (v === null || v === undefined ? 'NULL' : `'${String(v).replaceAll("'", "''")}'`);
const n = (v: number | null | undefined) => (v === null || v === undefined ? 'NULL' : String(Math.trunc(v)));

export async function recordRunStart(
  stateDir: string,
  r: Pick<RunRow, 'run_id' | 'pipeline' | 'pipeline_file' | 'started_at' | 'run_dir' | 'target'>,
): Promise<void> {
  await withLedger(stateDir, (c) =>
    c.exec(
      `INSERT INTO runs (run_id, pipeline, pipeline_file, started_at, status, run_dir, target)
       VALUES (${s(r.run_id)}, ${s(r.pipeline)}, ${s(r.pipeline_file)}, ${s(r.started_at)}, 'running', ${s(r.run_dir)}, ${s(r.target)})`,
    ),
  );
}

export async function recordRunEnd(
  stateDir: string,
  r: Pick<RunRow, 'run_id' | 'status' | 'gate' | 'exit_code' | 'rows_loaded' | 'message'>,
): Promise<void> {
  await withLedger(stateDir, (c) =>
    c.exec(
      `UPDATE runs SET ended_at = now(), status = ${s(r.status)}, gate = ${s(r.gate)}, exit_code = ${n(r.exit_code)},
       rows_loaded = ${n(r.rows_loaded)}, message = ${s(r.message)} WHERE run_id = ${s(r.run_id)}`,
    ),
  );
}

/** Before the load commits: the run is `committing`, and its files count as loaded. */
export async function recordIntent(stateDir: string, runId: string, pipeline: string, staged: StagedFile[]): Promise<void> {
  await withLedger(stateDir, async (c) => {
    await c.exec('BEGIN');
    await c.exec(`UPDATE runs SET status = 'committing' WHERE run_id = ${s(runId)}`);
    const files = staged.filter((f) => !f.skipped);
    if (files.length) {
      const values = files.map((f) => `(${s(pipeline)}, ${s(f.source)}, ${s(f.sha256)}, ${s(f.path)}, ${n(f.bytes)}, ${s(runId)}, now())`);
      await c.exec(`INSERT INTO loaded_files VALUES ${values.join(', ')}`);
    }
    await c.exec('COMMIT');
  });
}

/** Runs of the pipeline that recorded a load's intent and never its end. */
export async function unsettledRuns(stateDir: string, pipeline: string): Promise<Pick<RunRow, 'run_id' | 'target'>[]> {
  if (!existsSync(ledgerFile(stateDir))) return [];
  const rows = await withLedger(stateDir, (c) =>
    c.query(`SELECT run_id, target FROM runs WHERE pipeline = ${s(pipeline)} AND status = 'committing' ORDER BY started_at`),
  );
  return rows.map((r) => ({ run_id: String(r.run_id), target: r.target === null ? null : String(r.target) }));
}

/**
 * Settles a run whose load's outcome was unknown: committed, it is `loaded` (when it never
 * ended) and its files stay loaded; not committed, its files no longer count as loaded.
 */
export async function settleRun(
  stateDir: string,
  runId: string,
  committed: boolean,
  end: { status: RunRow['status']; message: string } | null,
): Promise<void> {
  await withLedger(stateDir, async (c) => {
    await c.exec('BEGIN');
    if (!committed) await c.exec(`DELETE FROM loaded_files WHERE run_id = ${s(runId)}`);
    if (end)
      await c.exec(
        `UPDATE runs SET status = ${s(end.status)}, ended_at = coalesce(ended_at, now()), message = ${s(end.message)} WHERE run_id = ${s(runId)}`,
      );
    await c.exec('COMMIT');
  });
}

/** A run whose process died (its lock was stale). One that was committing is settled by ./reconcile.ts. */
export async function markAbandoned(stateDir: string, runId: string): Promise<void> {
  await withLedger(stateDir, (c) =>
    c.exec(
      `UPDATE runs SET status = 'abandoned', ended_at = now(), message = 'the process ended without finishing (killed or crashed)' WHERE run_id = ${s(runId)} AND status = 'running'`,
    ),
  );
}

/** sha256 of the files of each source that earlier runs loaded. */
export async function loadedHashes(stateDir: string, pipeline: string): Promise<Map<string, Set<string>>> {
  if (!existsSync(ledgerFile(stateDir))) return new Map();
  const rows = await withLedger(stateDir, (c) =>
    c.query(`SELECT DISTINCT source, sha256 FROM loaded_files WHERE pipeline = ${s(pipeline)}`),
  );
  const out = new Map<string, Set<string>>();
  for (const row of rows) {
    const set = out.get(String(row.source)) ?? new Set<string>();
    set.add(String(row.sha256));
    out.set(String(row.source), set);
  }
  return out;
}

export async function listRuns(stateDir: string, opts: { pipeline?: string; limit?: number } = {}): Promise<RunRow[]> {
  if (!existsSync(ledgerFile(stateDir))) return [];
  const where = opts.pipeline ? `WHERE pipeline = ${s(opts.pipeline)}` : '';
  const rows = await withLedger(stateDir, (c) =>
    c.query(
      `SELECT run_id, pipeline, pipeline_file, strftime(started_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS started_at,
                strftime(ended_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%SZ') AS ended_at, status, gate, exit_code, rows_loaded, target, run_dir, message
         FROM runs ${where} ORDER BY runs.started_at DESC, run_id DESC LIMIT ${n(opts.limit ?? 20)}`,
    ),
  );
  return rows.map((r: Row) => r as unknown as RunRow);
}
