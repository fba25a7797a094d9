// The one place where errors become exit codes and messages (changesets/zod style):
// user errors say what to fix, data errors say what could not be read, anything else is a bug.
import { CommanderError } from 'commander';
import { AssayConfigError, AssayDataError, AssayEnvironmentError, AssayError, EXIT, exitCodeOf, type ExitCode } from '../errors.js';
import { redactText } from '../log.js';
import { guardCommands } from '../report/plain-text.js';

export function exitCodeFor(err: unknown): ExitCode {
  if (err instanceof CommanderError) return err.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  return exitCodeOf(err);
}

/** The message printed for an error; no line of it can start a CI workflow command, nor hold a password. */
export function describeError(err: unknown): string {
  return guardCommands(redactText(errorText(err)));
}

function errorText(err: unknown): string {
  if (err instanceof AssayConfigError) return err.format();
  if (err instanceof AssayEnvironmentError) return `error: ${err.message}`;
  if (err instanceof AssayDataError) return err.message.startsWith('cannot read') ? err.message : `cannot read data: ${err.message}`;
  if (err instanceof AssayError) return `error: ${err.message}`;
  const e = err instanceof Error ? err : new Error(String(err));
  return `internal error (this is a bug in Assay, please report it): ${e.stack ?? e.message}`;
}
