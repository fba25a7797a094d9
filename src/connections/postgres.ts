// The one PostgreSQL session module: how a URL is described, how a lost connection is
// recognised, and the two ways of talking to the server built on those.
// - PostgresConnection: the engine's connection with `pg` (validation in place, load targets):
//   rows as the same plain JS the DuckDB connection gives (int8 and numeric as numbers, unsafe
//   integers as text, dates and times as their ISO text in UTC), and every failure of the
//   connection itself (refused, dropped, terminated by an administrator, timed out) as an
//   AssayDataError, exit code 3, never a hang.
// - connectPg: a raw client whose values stay the server's text, for landing a source in DuckDB.
//
// The URL is read by the caller from the environment; messages never repeat it (it may hold a
// password), only host, port and database.
import pg from 'pg';
import { postgresDialect } from '../dialects/postgres.js';
import type { Column, Row, Sql } from '../engine/types.js';
import { AssayDataError } from '../errors.js';
import type { OpenOptions, ServerConnection } from './index.js';
import { CopyOutToFile } from './pg-copy-out.js';

const { types } = pg;

/** Integers within 2^53 as numbers, larger ones as their text (as the DuckDB connection does). */
function integer(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

const keepText = (text: string) => text;
// pg-types 2 exports { create(text, f).parse() }; later versions a function (text, f).
const arrayParser = types.arrayParser as unknown as
  | ((text: string, f: (t: string | null) => unknown) => unknown[])
  | { create(text: string, f: (t: string | null) => unknown): { parse(): unknown[] } };
const parseArray = (text: string, f: (t: string | null) => unknown) =>
  typeof arrayParser === 'function' ? arrayParser(text, f) : arrayParser.create(text, f).parse();
const array = (transform: (text: string) => unknown) => (text: string) => parseArray(text, (t) => (t === null ? null : transform(t)));

/** Parsers by type oid, for this client only (pg's global registry is left alone). */
const PARSERS: Record<number, (text: string) => unknown> = {
  20: integer, // int8
  1700: Number, // numeric: a double, as DuckDB's DECIMAL comes back
  1016: array(integer), // int8[]
  1231: array(Number), // numeric[]
  1082: keepText, // date
  1114: keepText, // timestamp
  1184: keepText, // timestamptz (session time zone UTC)
  1083: keepText, // time
  1266: keepText, // timetz
  1186: keepText, // interval
  1182: array(keepText), // date[]
  1115: array(keepText), // timestamp[]
  1185: array(keepText), // timestamptz[]
  114: keepText, // json: text, as DuckDB's JSON comes back
  3802: keepText, // jsonb
};

const typeParsers = {
  getTypeParser(oid: number, format?: string) {
    return (format ?? 'text') === 'text' && PARSERS[oid] ? PARSERS[oid] : types.getTypeParser(oid, format as 'text');
  },
};

/** The shortest usual name of a PostgreSQL type (format_type's spelling, upper-cased). */
export function pgTypeName(formatted: string): string {
  const t = formatted.trim().toUpperCase();
  const array = t.endsWith('[]') ? '[]' : '';
  const bare = array ? t.slice(0, -2) : t;
  const mods = /(\(.*\))/.exec(bare)?.[1] ?? '';
  const name = bare
    .replace(/\(.*\)/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const short: Record<string, string> = {
    'CHARACTER VARYING': 'VARCHAR',
    CHARACTER: 'CHAR',
    'TIMESTAMP WITHOUT TIME ZONE': 'TIMESTAMP',
    'TIMESTAMP WITH TIME ZONE': 'TIMESTAMP WITH TIME ZONE',
    'TIME WITHOUT TIME ZONE': 'TIME',
    'TIME WITH TIME ZONE': 'TIME WITH TIME ZONE',
    '"CHAR"': 'CHAR',
  };
  return `${short[name] ?? name}${mods}${array}`;
}

/** Connection-level SQLSTATE classes and codes: the data cannot be read, whatever the query. */
const FATAL_CLASSES = ['08', '28', '3D', '53', '57', '58', 'XX'];
const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED)$/;

interface PgLikeError {
  code?: string;
  message: string;
}

/**
 * True when an error means the connection itself is gone (refused, reset, terminated by an
 * administrator), not that one statement failed.
 */
export function isConnectionLoss(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null | undefined;
  return (
    /^(08...|57P0[123])$/.test(e?.code ?? '') ||
    ['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ECONNABORTED'].includes(e?.code ?? '') ||
    /Connection terminated|connection is closed|connection error|not queryable|terminating connection|socket|ECONNRESET/i.test(
      e?.message ?? '',
    )
  );
}

/**
 * An AssayDataError when `err` means the connection or the data is unusable (connection lost or
 * refused, authentication, missing database/table, permissions, statement timeout, server
 * shutting down), else null: an ordinary query error (bad regex, type mismatch) stays an error
 * of the one expectation that caused it.
 */
export function classifyPostgresError(err: unknown, where: string): AssayDataError | null {
  if (err instanceof AssayDataError) return err;
  if (!(err instanceof Error)) return null;
  const { code, message } = err as PgLikeError;
  const say = (what: string) => new AssayDataError(`${where}: ${what}`, where, { cause: err });
  if (code === '57014') return say(/timeout/i.test(message) ? `${message} (raise the limit with --statement-timeout)` : message);
  if (code === '57P01' || code === '57P02' || code === '57P03') return say(`the server ended the connection: ${message}`);
  if (code && FATAL_CLASSES.includes(code.slice(0, 2))) return say(message);
  if (code && NETWORK.test(code)) return say(`cannot reach the server (${code}): ${message}`);
  if (isConnectionLoss(err) || /Query read timeout|timeout expired/i.test(message)) return say(`the connection was lost: ${message}`);
  return null;
}

/** host:port/database of a URL, without user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `postgres://${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'postgres (unparsable URL)';
  }
}

let cursors = 0;

export class PostgresConnection implements ServerConnection {
  readonly dialect = postgresDialect;
  /** Set once the connection is unusable; every later call fails at once with it. */
  private broken: AssayDataError | null = null;
  private version?: string;
  /** Type names by oid and modifier, read once per connection. */
  private readonly typeNames = new Map<string, string>();

  private constructor(
    readonly client: pg.Client,
    readonly where: string,
    /**
     * Every query runs in its own transaction, read-only from its first statement (BEGIN READ
     * ONLY). A session default alone is not enough: a suite's SQL can call
     * set_config('default_transaction_read_only', 'off', false) and the next transaction could
     * write. In a transaction begun read-only, switching to read-write after the first query is
     * an error, and each of our transactions begins read-only whatever the session's default.
     */
    private readonly readOnly = false,
  ) {
    // pg emits 'error' for a connection lost while idle; without a listener it would crash the process.
    client.on('error', (err) => {
      this.broken ??= classifyPostgresError(err, where) ?? new AssayDataError(`${where}: ${err.message}`, where, { cause: err });
    });
    client.on('end', () => {
      this.broken ??= new AssayDataError(`${where}: the connection was closed`, where);
    });
  }

  static async open(url: string, opts: OpenOptions = {}): Promise<PostgresConnection> {
    const where = describeUrl(url);
    const statementTimeout = opts.statementTimeoutMs ?? 0;
    const settings = ['-c TimeZone=UTC', '-c DateStyle=ISO', '-c extra_float_digits=1'];
    if (opts.readOnly) settings.push('-c default_transaction_read_only=on');
    const client = new pg.Client({
      connectionString: url,
      application_name: opts.applicationName ?? 'assay',
      connectionTimeoutMillis: opts.connectTimeoutMs ?? 15_000,
      ...(statementTimeout > 0
        ? {
            statement_timeout: statementTimeout,
            // A client-side backstop for a server that stops answering without closing the socket.
            query_timeout: statementTimeout + 30_000,
          }
        : {}),
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      options: settings.join(' '),
      types: typeParsers,
    });
    const conn = new PostgresConnection(client, where, !!opts.readOnly);
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => {});
      throw (
        classifyPostgresError(err, where) ??
        new AssayDataError(`${where}: cannot connect: ${(err as Error).message}`, where, { cause: err })
      );
    }
    return conn;
  }

  private async run(sql: Sql): Promise<pg.QueryResult> {
    // The extended protocol takes exactly one statement: nothing can be appended after a `;`.
    return this.statement(() => this.client.query({ text: sql, queryMode: 'extended' } as pg.QueryConfig));
  }

  /** One statement, in a read-only transaction of its own when the connection is read-only. */
  private async statement<T>(send: () => Promise<T>): Promise<T> {
    if (this.broken) throw this.broken;
    let open = false;
    try {
      if (this.readOnly) {
        await this.client.query('BEGIN TRANSACTION READ ONLY');
        open = true;
      }
      const res = await send();
      // ROLLBACK, not COMMIT: nothing a read could have done is kept (a sequence or a temp table).
      if (open) await this.client.query('ROLLBACK');
      return res;
    } catch (err) {
      const fatal = classifyPostgresError(err, this.where);
      // A lost or stuck connection ends its transaction with it; a live one is rolled back.
      if (open && !fatal) await this.client.query('ROLLBACK').catch(() => {});
      if (fatal) {
        this.broken ??= fatal;
        // A timed-out client may still be waiting on the server: drop the socket rather than hang on it.
        if (/timeout/i.test((err as Error).message))
          (this.client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
        throw fatal;
      }
      // pg names every server error "error"; results read better with the engine's name.
      if (err instanceof Error && err.name === 'error') err.name = 'PostgresError';
      throw err;
    }
  }

  classifyError(err: unknown): AssayDataError | null {
    return classifyPostgresError(err, this.where);
  }

  async query(sql: Sql): Promise<Row[]> {
    const res = await this.run(sql);
    return res.rows as Row[];
  }

  /**
   * A server-side cursor (DECLARE ... FETCH): the rows of a read query `rows` at a time. Inside
   * the caller's transaction when there is one (a load checking its target before COMMIT), else
   * in a transaction of its own, read-only and rolled back like every read here.
   */
  async *batches(sql: Sql, rows: number): AsyncIterable<Row[]> {
    if (this.broken) throw this.broken;
    const cursor = `assay_cursor_${++cursors}`;
    const declare = `DECLARE ${cursor} NO SCROLL CURSOR FOR ${sql}`;
    let own = false;
    try {
      if (this.readOnly) {
        await this.client.query('BEGIN TRANSACTION READ ONLY');
        own = true;
        await this.client.query(declare);
      } else {
        try {
          await this.client.query(declare);
        } catch (err) {
          // 25P01: no transaction is open, and a cursor lives in one.
          if ((err as { code?: string }).code !== '25P01') throw err;
          await this.client.query('BEGIN TRANSACTION READ ONLY');
          own = true;
          await this.client.query(declare);
        }
      }
      for (;;) {
        const res = await this.client.query(`FETCH FORWARD ${Math.max(1, Math.trunc(rows))} FROM ${cursor}`);
        if (!res.rows.length) break;
        yield res.rows as Row[];
      }
      await this.client.query(`CLOSE ${cursor}`);
    } catch (err) {
      const fatal = classifyPostgresError(err, this.where);
      if (fatal) {
        this.broken ??= fatal;
        throw fatal;
      }
      if (err instanceof Error && err.name === 'error') err.name = 'PostgresError';
      throw err;
    } finally {
      if (own && !this.broken) await this.client.query('ROLLBACK').catch(() => {});
    }
  }

  /**
   * `COPY (sql) TO STDOUT` as CSV, the server's bytes written to `file` as they come (no JS row):
   * a read like any other (read-only and rolled back when the connection is), in the caller's
   * transaction when there is one.
   */
  async copyOut(sql: Sql, file: string): Promise<number> {
    return this.statement(async () => {
      const copy = await CopyOutToFile.to(sql, file);
      this.client.query(copy as unknown as pg.QueryConfig);
      return copy.done;
    });
  }

  async exec(sql: Sql): Promise<void> {
    if (this.broken) throw this.broken;
    try {
      // Simple protocol: DDL and several statements at once (tests, loading).
      await this.client.query(sql);
    } catch (err) {
      const fatal = classifyPostgresError(err, this.where);
      if (fatal) {
        this.broken ??= fatal;
        throw fatal;
      }
      throw err;
    }
  }

  async columns(relation: Sql): Promise<Column[]> {
    const res = await this.run(`SELECT * FROM ${relation} LIMIT 0`);
    const key = (f: pg.FieldDef) => `${f.dataTypeID}:${f.dataTypeModifier}`;
    const unknown = [...new Map(res.fields.filter((f) => !this.typeNames.has(key(f))).map((f) => [key(f), f])).values()];
    if (unknown.length) {
      const oids = unknown.map((f) => f.dataTypeID).join(', ');
      const mods = unknown.map((f) => f.dataTypeModifier).join(', ');
      const rows = await this.query(
        `SELECT format_type(o, m) AS t FROM unnest(ARRAY[${oids}]::oid[], ARRAY[${mods}]::int[]) WITH ORDINALITY AS x(o, m, i) ORDER BY i`,
      );
      unknown.forEach((f, i) => this.typeNames.set(key(f), pgTypeName(String(rows[i]!.t))));
    }
    return res.fields.map((f) => ({ name: f.name, type: this.typeNames.get(key(f))! }));
  }

  /**
   * The quoted, schema-qualified name of a table or view, read as PostgreSQL reads a name
   * (`orders`, `sales.orders`, `"Sales"."Orders"`), or null when there is none.
   */
  async resolveTable(name: string): Promise<Sql | null> {
    const rows = await this.query(
      `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS rel FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(${this.dialect.literal(name)})`,
    );
    return rows.length ? String(rows[0]!.rel) : null;
  }

  /** Whether the session's role is a superuser, who can read the server's files from SQL. */
  async superuser(): Promise<boolean> {
    const [row] = await this.query(`SELECT current_setting('is_superuser') = 'on' AS s`);
    return row?.s === true;
  }

  async engineInfo() {
    if (!this.version) {
      const [row] = await this.query('SHOW server_version');
      this.version = String(row!.server_version);
    }
    return { name: 'postgres', version: this.version };
  }

  async close(): Promise<void> {
    this.broken ??= new AssayDataError(`${this.where}: the connection was closed`, this.where);
    await this.client.end().catch(() => {});
  }
}

export interface PgSession {
  client: pg.Client;
  close(): Promise<void>;
}

const rawText = { getTypeParser: () => (value: string) => value } as unknown as pg.CustomTypesConfig;

/** A client whose values come back as the server's text (no JS Date or float conversion). */
export async function connectPg(url: string, opts: { applicationName?: string; connectTimeoutMs?: number } = {}): Promise<PgSession> {
  const client = new pg.Client({
    connectionString: url,
    types: rawText,
    application_name: opts.applicationName ?? 'assay',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
  });
  // pg emits 'error' for a connection lost while idle; without a listener it would crash the
  // process. The next query on the client fails and says why.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    await client.end().catch(() => {});
    throw err;
  }
  return {
    client,
    async close() {
      await client.end().catch(() => {});
    },
  };
}
