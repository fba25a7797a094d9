// PostgreSQL connections for sources and targets (through `pg`). Values come back as the
// server's text (no JS Date or float conversion), so nothing is lost on the way to DuckDB.
// A connection that drops is reported once, clearly, instead of crashing the process.
import pg from 'pg';
import { PostgresConnection, type PostgresOptions } from '../engine/postgres-connection.js';
import { redactText } from '../log.js';
import { isTransient, withRetry, type RetryOptions } from './retry.js';
import { AssayDataError } from '../errors.js';

export interface PgSession {
  client: pg.Client;
  /** Where, without the password: postgres://user:***@host:5432/db. */
  where: string;
  /** The error that broke the connection, if it broke. */
  broken(): Error | null;
  close(): Promise<void>;
}

const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    u.search = '';
    return u.toString();
  } catch {
    return redactText(url);
  }
}

export async function connectPg(url: string, opts: { applicationName?: string; connectTimeoutMs?: number } = {}): Promise<PgSession> {
  let broken: Error | null = null;
  const client = new pg.Client({
    connectionString: url,
    types: rawText,
    application_name: opts.applicationName ?? 'assay',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
  });
  client.on('error', (err) => {
    broken ??= err;
  });
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return {
    client,
    where: describeUrl(url),
    broken: () => broken,
    async close() {
      await client.end().catch(() => {});
    },
  };
}

/**
 * The engine's PostgreSQL connection (values typed as the engine reads them, UTC session), for
 * validating where the data lives. Transient connection failures are retried like connectPg's.
 */
export async function openPostgres(url: string, opts: PostgresOptions, retry: RetryOptions): Promise<PostgresConnection> {
  return withRetry(
    () =>
      PostgresConnection.open(url, opts).catch((err: unknown) => {
        // The connection wraps every failure as an AssayDataError, which withRetry never retries.
        throw err instanceof AssayDataError && isTransient(err.cause) ? err.cause : err;
      }),
    retry,
  );
}

/** True when an error means the connection itself is gone (not a failed statement). */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    /^(08...|57P0[123])$/.test(e?.code ?? '') ||
    ['ECONNRESET', 'EPIPE', 'ECONNREFUSED'].includes(e?.code ?? '') ||
    /Connection terminated|connection is closed|Client has encountered a connection error|terminating connection/i.test(e?.message ?? '')
  );
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
