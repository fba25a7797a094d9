// The run ledger: a DuckDB file in the state folder recording each run and the sha256 of every
// staged file a run loaded, so a re-run skips files already loaded. It is opened only for the
// moment of each write (DuckDB locks a file per process), with retries when another run of
// another pipeline in the same folder holds it (../connections/duckdb-file.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { withDuckDBFile } from '../connections/duckdb-file.js';
import type { DuckDBConnection } from '../connections/duckdb.js';
import type { Row } from '../engine/types.js';
import type { RunStatus, StagedFile } from './types.js';

export interface RunRow {
  run_id: string;
  pipeline: string;
  pipeline_file: string;
  started_at: string;
  ended_at: string | null;
  status: RunStatus | 'abandoned';
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

async function withLedger<T>(stateDir: string, fn: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  return withDuckDBFile(ledgerFile(stateDir), async (conn) => {
    await conn.exec(SCHEMA);
    return fn(conn);
  });
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
  loaded: { pipeline: string; files: StagedFile[] } | null,
): Promise<void> {
  await withLedger(stateDir, async (c) => {
    await c.exec('BEGIN');
    await c.exec(
      `UPDATE runs SET ended_at = now(), status = ${s(r.status)}, gate = ${s(r.gate)}, exit_code = ${n(r.exit_code)},
       rows_loaded = ${n(r.rows_loaded)}, message = ${s(r.message)} WHERE run_id = ${s(r.run_id)}`,
    );
    const files = loaded?.files.filter((f) => !f.skipped) ?? [];
    if (files.length) {
      const values = files.map(
        (f) => `(${s(loaded!.pipeline)}, ${s(f.source)}, ${s(f.sha256)}, ${s(f.path)}, ${n(f.bytes)}, ${s(r.run_id)}, now())`,
      );
      await c.exec(`INSERT INTO loaded_files VALUES ${values.join(', ')}`);
    }
    await c.exec('COMMIT');
  });
}

/** A run whose process died (its lock was stale). */
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
