// The one place where errors become exit codes and messages (changesets/zod style):
// user errors say what to fix, data errors say what could not be read, anything else is a bug.
import { CommanderError } from 'commander';
import { ConfigError } from '../config/errors.js';
import { DataAccessError } from '../engine/connection.js';
import { AssayError } from '../engine/types.js';
import { EXIT, type ExitCode } from './exit-codes.js';

/** A wrong command line (missing option, conflicting flags): exit code 2. */
export class UsageError extends AssayError {
  override name = 'UsageError';
}

export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (err instanceof ConfigError || err instanceof UsageError) return EXIT.USAGE;
  if (err instanceof DataAccessError) return EXIT.DATA;
  if (err instanceof AssayError) return EXIT.USAGE;
  return EXIT.INTERNAL;
}

export function describeError(err: unknown): string {
  if (err instanceof ConfigError) return err.format();
  if (err instanceof DataAccessError) return err.message.startsWith('cannot read') ? err.message : `cannot read data: ${err.message}`;
  if (err instanceof AssayError) return `error: ${err.message}`;
  const e = err instanceof Error ? err : new Error(String(err));
  return `internal error (this is a bug in Assay, please report it): ${e.stack ?? e.message}`;
}
