// A DuckDB file shared by processes. DuckDB lets one process at a time open a file for writing
// and locks the file itself (an OS lock, so a killed process leaves no stale lock behind): a
// second opener gets "Could not set lock on file" and waits here, with exponential backoff and
// jitter, rather than failing the run. The file is held only for the moment of one read or one
// write transaction.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openConnection } from './index.js';
import type { DuckDBConnection } from './duckdb.js';

export interface LockedFileOptions {
  readOnly?: boolean;
  /** Give up after this long (default 60 s). */
  timeoutMs?: number;
}

/** The file is held by another process; retrying may succeed. */
const isLockConflict = (err: unknown) => /could not set lock|conflicting lock|database is locked/i.test(String((err as Error)?.message));

export async function withDuckDBFile<T>(
  file: string,
  fn: (conn: DuckDBConnection) => Promise<T>,
  opts: LockedFileOptions = {},
): Promise<T> {
  if (!opts.readOnly) mkdirSync(path.dirname(file), { recursive: true });
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let conn: DuckDBConnection | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      conn = await openConnection({ kind: 'duckdb', path: file, options: opts.readOnly ? { access_mode: 'READ_ONLY' } : {} });
      break;
    } catch (err) {
      if (!isLockConflict(err) || Date.now() > deadline) throw err;
      const backoff = Math.min(1000, 20 * 2 ** attempt);
      await new Promise((r) => setTimeout(r, backoff / 2 + Math.random() * backoff));
    }
  }
  try {
    return await fn(conn);
  } finally {
    await conn.close();
  }
}
