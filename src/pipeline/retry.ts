// Remote sources fail for passing reasons (a restart, a rate limit, a dropped connection):
// those are retried with exponential backoff; anything else fails at once. Giving up names the
// source and the last reason.
import { openConnection, type OpenOptions, type ServerConnection } from '../connections/index.js';
import { redactText } from '../log.js';
import type { Retries } from './types.js';
import { AssayDataError } from '../errors.js';

/** An error worth another attempt. */
export class TransientError extends Error {
  override name = 'TransientError';
}

const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);
// PostgreSQL: connection exceptions (08), too many connections, admin shutdown, cannot connect now.
const TRANSIENT_SQLSTATE = /^(08...|53300|57P01|57P02|57P03|40001|40P01)$/;

export function isTransient(err: unknown): boolean {
  if (err instanceof TransientError) return true;
  const e = err as { code?: string; cause?: { code?: string }; name?: string; message?: string };
  const code = e?.code ?? e?.cause?.code;
  if (code && (TRANSIENT_CODES.has(code) || TRANSIENT_SQLSTATE.test(code))) return true;
  if (e?.name === 'AbortError' || e?.name === 'TimeoutError') return true;
  return /Connection terminated|fetch failed|socket hang up|timeout/i.test(e?.message ?? '');
}

export function reasonOf(err: unknown): string {
  const e = err as { message?: string; code?: string; cause?: { code?: string; message?: string } };
  const msg = e?.message || String(err);
  const cause = e?.cause?.code ?? e?.cause?.message;
  return redactText(cause && !msg.includes(cause) ? `${msg} (${cause})` : msg);
}

export interface RetryOptions extends Retries {
  /** "source gho_api", for the message when giving up. */
  label: string;
  onRetry?: (attempt: number, err: unknown, waitMs: number) => void;
  sleep?: (ms: number) => Promise<void>;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (err instanceof AssayDataError || !isTransient(err)) throw err;
      if (attempt >= opts.attempts) {
        throw new AssayDataError(
          `${opts.label}: gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${reasonOf(err)}`,
          opts.label,
          { cause: err },
        );
      }
      const wait = opts.backoffMs * 2 ** (attempt - 1);
      opts.onRetry?.(attempt, err, wait);
      await sleep(wait);
    }
  }
}

/** A server connection (by kind and URL), its transient connection failures retried as above. */
export async function openWithRetry(kind: string, url: string, options: OpenOptions, retry: RetryOptions): Promise<ServerConnection> {
  return withRetry(
    () =>
      openConnection({ kind, url, options }).catch((err: unknown) => {
        // A connection wraps every failure as a AssayDataError, which withRetry never retries.
        throw err instanceof AssayDataError && isTransient(err.cause) ? err.cause : err;
      }),
    retry,
  );
}
