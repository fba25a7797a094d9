// Faults of the machine, not of Assay: a folder that cannot be written, a full disk, a damaged
// file, a target another run holds. They are exit code 3 with a message saying what to do,
// never exit 4 ("a bug"). Node reports them as errno codes; DuckDB only in its message text.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AssayDataError, AssayEnvironmentError } from '../errors.js';

const ADVICE: [RegExp, string][] = [
  [
    /\bENOSPC\b|no space left on device|disk is full|could not extend file|\bEDQUOT\b|quota exceeded/i,
    'the disk is full: free space, then run again',
  ],
  [/\bEROFS\b|read-only file system/i, 'the file system is mounted read-only: write somewhere else, then run again'],
  [/\bEACCES\b|\bEPERM\b|permission denied|operation not permitted/i, 'permission denied: make it writable for this user, then run again'],
  [/\bEMFILE\b|\bENFILE\b|too many open files/i, 'too many open files: raise the limit (ulimit -n), then run again'],
  [/\bENOMEM\b|out of memory|could not allocate/i, 'out of memory: free memory or lower the load, then run again'],
  [/\bEIO\b|input\/output error/i, 'the device reported an I/O error: check the disk'],
];

/** What to do about a fault of the machine, or null when `err` is not one. */
export function faultAdvice(err: unknown): string | null {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const text = `${e?.code ?? ''} ${e?.message ?? String(err)} ${e?.cause?.code ?? ''} ${e?.cause?.message ?? ''}`;
  return ADVICE.find(([re]) => re.test(text))?.[1] ?? null;
}

/**
 * `err` as an AssayEnvironmentError naming what was being done ("cannot write the target folder
 * /x"), when it is a fault of the machine; otherwise `err` itself.
 */
export function asFault(err: unknown, doing: string, where?: string): unknown {
  if (err instanceof AssayEnvironmentError) return err;
  const advice = faultAdvice(err);
  if (!advice) return err;
  // A data error that already says what failed gets the advice only.
  if (err instanceof AssayDataError) return new AssayEnvironmentError(`${err.message}; ${advice}`, err.path, { cause: err });
  const reason = String((err as Error)?.message ?? err).split('\n')[0]!;
  return new AssayEnvironmentError(`${doing}: ${reason}; ${advice}`, where, { cause: err });
}

/**
 * mkdir -p that reports why it failed: Node's recursive mkdir says ENOENT for a folder under a
 * read-only (or full) file system, so the first missing folder is made again on its own to get
 * the real reason (EROFS, EACCES, ENOSPC).
 */
export function makeDir(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    let first = path.resolve(dir);
    while (!existsSync(path.dirname(first)) && path.dirname(first) !== first) first = path.dirname(first);
    mkdirSync(first);
    throw err;
  }
}
