// Lock files: one run of a pipeline at a time (<state>/locks/<pipeline>.lock), and one load of a
// target at a time, whichever pipeline loads it (a file beside the DuckDB file or in the Parquet
// folder; PostgreSQL tables use an advisory lock instead, ./load/postgres.ts).
//
// A lock file is written whole under a temporary name and hard-linked into place, so it is never
// seen empty or half-written; link fails when the lock exists, which makes taking it atomic. It
// holds the owner's pid, the start time of that process (so a pid the kernel gave to another
// process later is not mistaken for the owner), host and run id. A lock whose owner is gone
// (kill -9, a crash, a reboot), or a file that is not a lock at all, is stale and taken over; a
// live owner makes the pipeline stop, or the load wait for the target.
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PipelineBusyError, TargetBusyError } from '../errors.js';
import { makeDir } from './faults.js';

export interface LockInfo {
  pid: number;
  host: string;
  run_id: string;
  started_at: string;
  /** The owner's start time (Linux: clock ticks after boot, from /proc/<pid>/stat), when known. */
  pid_start?: string;
}

const describeHolder = (h: LockInfo) => `run ${h.run_id}, pid ${h.pid} on ${h.host}, since ${h.started_at}`;

/** Why the pipeline's lock is taken: who holds it, and what to do about it. */
function busy(pipeline: string, holder: LockInfo | null, lockFile: string): PipelineBusyError {
  return new PipelineBusyError(
    holder
      ? `pipeline ${pipeline} is already running (${describeHolder(holder)}); ` +
          `runs of one pipeline never overlap. Wait for it to finish${holder.host === os.hostname() ? '' : `, or delete ${lockFile} if that run is gone`}`
      : `pipeline ${pipeline} is locked by ${lockFile}; another run is starting (try again)`,
    pipeline,
    lockFile,
  );
}

/** Another run kept loading the same target for longer than the load waits. */
export function targetBusy(target: string, holder: LockInfo | null, file: string, waitedMs: number): TargetBusyError {
  return new TargetBusyError(
    `the target ${target} is being loaded by another run (${holder ? describeHolder(holder) : 'unknown run'}); waited ${Math.round(waitedMs / 1000)} s ` +
      `for it (load.lock_timeout), nothing was written. Run again when it has finished${holder && holder.host !== os.hostname() ? `, or delete ${file} if that run is gone` : ''}`,
    target,
  );
}

export interface Lock {
  file: string;
  /** The run whose stale lock was taken over, if any (its ledger row is marked abandoned). */
  takenOver?: LockInfo;
  release(): void;
}

/** A process's start time, which with its pid names it for good; null where /proc is missing. */
export function processStart(pid: number): string | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 22; the command name (field 2) is in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function alive(info: LockInfo): boolean {
  try {
    process.kill(info.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  if (!info.pid_start) return true;
  const now = processStart(info.pid);
  return now === null || now === info.pid_start;
}

function parse(text: string | null): LockInfo | null {
  try {
    const info = JSON.parse(text ?? '');
    return typeof info?.pid === 'number' && typeof info?.host === 'string' ? info : null;
  } catch {
    return null;
  }
}

function readText(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** Writes the lock whole, then links it into place: EEXIST when another lock is there. */
function create(file: string, text: string): void {
  const tmp = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A file system without hard links: an exclusive create, which a kill can leave empty
    // (and an empty lock is taken over as stale).
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EOPNOTSUPP') writeFileSync(file, text, { flag: 'wx' });
    else throw err;
  } finally {
    unlinkSync(tmp);
  }
}

type Attempt = { lock: Lock } | { holder: LockInfo | null };

/** One try at the lock: taken (perhaps over a stale one), or held by a live owner (or being taken). */
function tryLock(file: string, runId: string): Attempt {
  makeDir(path.dirname(file));
  const pidStart = processStart(process.pid);
  const mine: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    run_id: runId,
    started_at: new Date().toISOString(),
    ...(pidStart ? { pid_start: pidStart } : {}),
  };
  let takenOver: LockInfo | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      create(file, `${JSON.stringify(mine)}\n`);
      return {
        lock: {
          file,
          ...(takenOver ? { takenOver } : {}),
          release() {
            try {
              if (parse(readText(file))?.run_id === runId) unlinkSync(file);
            } catch {
              /* left behind, it is stale once this process ends */
            }
          },
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const text = readText(file);
    if (text === null) continue; // released in between
    const holder = parse(text);
    // A file that is not a lock (empty: a kill inside a non-atomic create) has no owner to wait for.
    if (holder && (holder.host !== os.hostname() || alive(holder))) return { holder };
    // Stale. Move it aside atomically; if two runs race here only one rename succeeds, and a
    // fresh lock moved by mistake is put back (link fails if yet another lock appeared).
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readText(aside);
    if (moved !== text) {
      try {
        linkSync(aside, file);
      } catch {
        /* another lock appeared: it wins */
      }
      unlinkSync(aside);
      return { holder: parse(moved) };
    }
    unlinkSync(aside);
    if (holder) takenOver = holder;
  }
  return { holder: parse(readText(file)) };
}

export function lockFile(stateDir: string, pipeline: string): string {
  return path.join(stateDir, 'locks', `${pipeline}.lock`);
}

/** The pipeline's lock, or PipelineBusyError when another run of it is going on. */
export function acquireLock(stateDir: string, pipeline: string, runId: string): Lock {
  const file = lockFile(stateDir, pipeline);
  const got = tryLock(file, runId);
  if ('lock' in got) return got.lock;
  throw busy(pipeline, got.holder, file);
}

/**
 * The lock of a load target (`file` beside it), waiting up to `timeoutMs` while another run
 * holds it; then TargetBusyError. `onWait` is called once, when the wait starts.
 */
export async function acquireTargetLock(
  file: string,
  runId: string,
  target: string,
  opts: { timeoutMs: number; onWait?: (holder: LockInfo | null) => void },
): Promise<Lock> {
  const start = Date.now();
  let told = false;
  for (;;) {
    const got = tryLock(file, runId);
    if ('lock' in got) return got.lock;
    const waited = Date.now() - start;
    if (waited >= opts.timeoutMs) throw targetBusy(target, got.holder, file, waited);
    if (!told) opts.onWait?.(got.holder);
    told = true;
    await new Promise((r) => setTimeout(r, Math.min(250, opts.timeoutMs - waited)));
  }
}
