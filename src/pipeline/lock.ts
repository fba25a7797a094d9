// One run of a pipeline at a time: a lock file created exclusively (O_EXCL) in the state
// folder, holding the owner's pid, host and run id. A lock left by a process that no longer
// exists (kill -9, a crash) is stale and taken over; a live one makes the second run stop.
import { linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PipelineBusyError } from '../errors.js';

export interface LockInfo {
  pid: number;
  host: string;
  run_id: string;
  started_at: string;
}

/** Why the lock is taken: who holds it, and what to do about it. */
function busy(pipeline: string, holder: LockInfo | null, lockFile: string): PipelineBusyError {
  return new PipelineBusyError(
    holder
      ? `pipeline ${pipeline} is already running (run ${holder.run_id}, pid ${holder.pid} on ${holder.host}, since ${holder.started_at}); ` +
          `runs of one pipeline never overlap. Wait for it to finish${holder.host === os.hostname() ? '' : `, or delete ${lockFile} if that run is gone`}`
      : `pipeline ${pipeline} is locked by ${lockFile}; another run is starting or the file is damaged (delete it if no run is going on)`,
    pipeline,
    lockFile,
  );
}

export interface Lock {
  file: string;
  /** The run whose stale lock was taken over, if any (its ledger row is marked abandoned). */
  takenOver?: LockInfo;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function read(file: string): LockInfo | null {
  try {
    const info = JSON.parse(readFileSync(file, 'utf8'));
    return typeof info?.pid === 'number' ? info : null;
  } catch {
    return null;
  }
}

export function lockFile(stateDir: string, pipeline: string): string {
  return path.join(stateDir, 'locks', `${pipeline}.lock`);
}

export function acquireLock(stateDir: string, pipeline: string, runId: string): Lock {
  const file = lockFile(stateDir, pipeline);
  mkdirSync(path.dirname(file), { recursive: true });
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), run_id: runId, started_at: new Date().toISOString() };
  let takenOver: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, `${JSON.stringify(mine)}\n`, { flag: 'wx' });
      return {
        file,
        ...(takenOver ? { takenOver } : {}),
        release() {
          if (read(file)?.run_id === runId) unlinkSync(file);
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = read(file);
    if (!holder || holder.host !== os.hostname() || alive(holder.pid)) throw busy(pipeline, holder, file);
    // Stale. Move it aside atomically; if two runs race here only one rename succeeds, and a
    // fresh lock moved by mistake is put back (link fails if yet another lock appeared).
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = read(aside);
    if (moved?.run_id !== holder.run_id) {
      try {
        linkSync(aside, file);
      } catch {
        /* another lock appeared: it wins */
      }
      unlinkSync(aside);
      throw busy(pipeline, moved, file);
    }
    unlinkSync(aside);
    takenOver = holder;
  }
  throw busy(pipeline, read(file), file);
}
