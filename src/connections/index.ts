// The one place where connections are opened. DuckDB is embedded (a file or memory); every other
// engine is a server reached by a URL, listed in SERVERS with what the CLI and the pipeline need
// to know about it without loading its driver. Adding an engine: its dialect in src/dialects/,
// its connection in this folder, and one entry below; the CLI (`assay validate <kind>`) and the
// pipeline read this table and never name an engine themselves.
import type { Connection } from '../engine/connection.js';
import type { AssayDataError } from '../errors.js';
import type { Sql } from '../engine/types.js';
import { DuckDBConnection } from './duckdb.js';

export interface OpenOptions {
  /** Server-side limit per statement, in ms (0: none). A query past it is a AssayDataError. */
  statementTimeoutMs?: number;
  /** Limit for establishing the connection, in ms. */
  connectTimeoutMs?: number;
  /** Refuse writes for the whole session (validation only reads). */
  readOnly?: boolean;
  /** For the server's list of sessions (pg_stat_activity and the like). */
  applicationName?: string;
}

/** A connection to a server: where it points (never with a password) and how it fails. */
export interface ServerConnection extends Connection {
  /** host:port/database, never the user or password: for messages and results. */
  readonly where: string;
  /** The quoted name of a table or view as the engine reads `name`, or null when there is none. */
  resolveTable(name: string): Promise<Sql | null>;
  /**
   * A AssayDataError (exit 3) when `err` means the connection or the data is unusable, else
   * null: an ordinary query error stays the error of the one expectation that caused it.
   */
  classifyError(err: unknown): AssayDataError | null;
  /** Whether the session's role can read the server's own files from SQL (PostgreSQL superuser). */
  superuser?(): Promise<boolean>;
}

export interface ServerEngine {
  /** The word on the command line: `assay validate <kind> --table ...`. */
  kind: string;
  /** The engine's name in messages. */
  title: string;
  /** URLs of this engine, refused on the command line (where `ps` would show a password). */
  urlPattern: RegExp;
  /** The environment variable read when --url-env is not given. */
  defaultUrlEnv: string;
  exampleUrl: string;
  /** How the engine reads an unquoted or quoted table name, for "no such table" messages. */
  nameRule: string;
  /** The driver loads only when a connection to this engine is opened. */
  load(): Promise<{ open(url: string, opts: OpenOptions): Promise<ServerConnection>; describeUrl(url: string): string }>;
}

const SERVERS: readonly ServerEngine[] = [
  {
    kind: 'postgres',
    title: 'PostgreSQL',
    urlPattern: /^postgres(ql)?:\/\//i,
    defaultUrlEnv: 'DATABASE_URL',
    exampleUrl: 'postgres://user@host:5432/db',
    nameRule: 'names are read as PostgreSQL reads them: unquoted is lower-case, "Quoted" keeps its case',
    load: async () => {
      const { PostgresConnection, describeUrl } = await import('./postgres.js');
      return { open: (url, opts) => PostgresConnection.open(url, opts), describeUrl };
    },
  },
  {
    kind: 'spark',
    title: 'Spark',
    urlPattern: /^spark(\+https?)?:\/\//i,
    defaultUrlEnv: 'SPARK_URL',
    exampleUrl: 'spark://host:10000/default, or spark+https://token:<PAT>@<workspace host>/sql/1.0/warehouses/<id>',
    nameRule: 'names are read as Spark reads them: case-insensitive, `back-quoted` for other characters',
    load: async () => {
      const { SparkConnection, describeUrl } = await import('./spark.js');
      return { open: (url, opts) => SparkConnection.open(url, opts), describeUrl };
    },
  },
];

/** The server engine called `kind` (postgres, postgresql), or undefined. */
export function serverEngine(kind: string): ServerEngine | undefined {
  const k = kind.toLowerCase();
  return SERVERS.find((s) => s.kind === k || (k === 'postgresql' && s.kind === 'postgres'));
}

/** The server engine whose URL this is, or undefined. */
export function serverEngineOfUrl(url: string): ServerEngine | undefined {
  return SERVERS.find((s) => s.urlPattern.test(url));
}

export type ConnectionTarget =
  { kind: 'duckdb'; path?: string; options?: Record<string, string> } | { kind: string; url: string; options?: OpenOptions };

/** Opens a connection: DuckDB (a file, or memory) or a server by its URL. */
export async function openConnection(target: {
  kind: 'duckdb';
  path?: string;
  options?: Record<string, string>;
}): Promise<DuckDBConnection>;
export async function openConnection(target: { kind: string; url: string; options?: OpenOptions }): Promise<ServerConnection>;
export async function openConnection(target: ConnectionTarget): Promise<Connection> {
  if (target.kind === 'duckdb') {
    const t = target as { path?: string; options?: Record<string, string> };
    return DuckDBConnection.open(t.path, t.options);
  }
  const { url, options } = target as { url: string; options?: OpenOptions };
  const engine = serverEngine(target.kind);
  if (!engine) throw new Error(`no engine called ${JSON.stringify(target.kind)}; known: duckdb, ${SERVERS.map((s) => s.kind).join(', ')}`);
  return (await engine.load()).open(url, options ?? {});
}
