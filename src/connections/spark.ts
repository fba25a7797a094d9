// Apache Spark (and Databricks SQL) through the HiveServer2 Thrift protocol of Spark's Thrift
// JDBC/ODBC server, with hive-driver (docs/decisions.md #8). Rows come back as the same plain JS
// the DuckDB connection gives: integers within 2^53 as numbers (larger as text), decimals as
// doubles, dates and timestamps as their SQL text (session time zone UTC), arrays as arrays.
//
// URLs (read from the environment; messages never repeat the user or password):
//   spark://[user[:password]@]host[:port][/database]     binary transport, SASL PLAIN (port 10000)
//   spark+http(s)://[user:password@]host[:port]/<http path>[?database=name]
//                                                        HTTP transport, Basic auth; Databricks SQL
//                                                        is spark+https://token:<PAT>@host/sql/1.0/warehouses/<id>
//
// Thrift's Node client never answers a call whose connection died, so every call races the
// connection's own end: a server killed mid-query is a AssayDataError (exit 3), never a hang.
import hive from 'hive-driver';
import { sparkDialect } from '../dialects/spark.js';
import { AssayDataError } from '../errors.js';
import type { Column, Row, Sql } from '../engine/types.js';
import type { OpenOptions, ServerConnection } from './index.js';

const { TCLIService, TCLIService_types: T } = hive.thrift as { TCLIService: object; TCLIService_types: ThriftTypes };

interface ThriftTypes {
  TProtocolVersion: Record<string, number>;
  TOperationState: Record<string, number>;
  TTypeId: Record<string, number>;
}

interface TColumnValues {
  values: unknown[];
  nulls: Buffer;
}
type TColumn = Partial<
  Record<'boolVal' | 'byteVal' | 'i16Val' | 'i32Val' | 'i64Val' | 'doubleVal' | 'stringVal' | 'binaryVal', TColumnValues>
>;
interface TColumnDesc {
  columnName: string;
  position: number;
  typeDesc: { types: { primitiveEntry?: { type: number } }[] };
}
interface Operation {
  status(progress: boolean): Promise<{ operationState: number; errorMessage?: string | null; sqlState?: string | null }>;
  fetch(): Promise<unknown>;
  hasMoreRows(): boolean;
  setMaxRows(n: number): void;
  getSchema(): { columns: TColumnDesc[] } | null;
  getData(): { columns?: TColumn[] }[];
  flush(): void;
  cancel(): Promise<unknown>;
  close(): Promise<unknown>;
}
interface Session {
  executeStatement(sql: string, opts: { runAsync: boolean; queryTimeout?: unknown }): Promise<Operation>;
  close(): Promise<unknown>;
}

/** A statement the server refused (syntax, unknown column, a failed cast): the error of one expectation. */
export class SparkError extends Error {
  override name = 'SparkError';
  constructor(
    message: string,
    readonly sqlState?: string,
  ) {
    super(message);
  }
}

interface SparkUrl {
  host: string;
  port: number;
  transport: 'binary' | 'http' | 'https';
  path: string;
  user: string;
  password: string;
  database?: string;
}

function parseUrl(url: string): SparkUrl {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AssayDataError('spark: the URL cannot be parsed (expected spark://host:10000/database or spark+https://...)', 'spark');
  }
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  const transport = scheme === 'spark' ? 'binary' : scheme === 'spark+http' ? 'http' : scheme === 'spark+https' ? 'https' : null;
  if (!transport) throw new AssayDataError(`spark: unknown URL scheme ${scheme}: (spark, spark+http or spark+https)`, 'spark');
  const path = decodeURIComponent(u.pathname.replace(/^\/+/, ''));
  return {
    host: u.hostname,
    port: Number(u.port || (transport === 'https' ? 443 : transport === 'http' ? 10001 : 10000)),
    transport,
    path: transport === 'binary' ? '' : `/${path}`,
    user: decodeURIComponent(u.username) || 'assay',
    password: decodeURIComponent(u.password) || 'assay',
    database: transport === 'binary' ? path || undefined : (u.searchParams.get('database') ?? undefined),
  };
}

/** scheme://host:port/database, never the user or password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname}`;
  } catch {
    return 'spark (unparsable URL)';
  }
}

const NETWORK = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN|EPIPE|ECONNABORTED)$/;

/**
 * A AssayDataError when `err` means the connection or the data is unusable (unreachable server,
 * lost connection, timeout, missing table or database, no privilege), else null.
 */
export function classifySparkError(err: unknown, where: string): AssayDataError | null {
  if (err instanceof AssayDataError) return err;
  if (!(err instanceof Error)) return null;
  const code = (err as { code?: string }).code ?? '';
  const say = (what: string) => new AssayDataError(`${where}: ${what}`, where, { cause: err });
  if (NETWORK.test(code)) return say(`cannot reach the Spark server (${code}): ${err.message}`);
  if (err instanceof SparkError) {
    if (/TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND|PATH_NOT_FOUND|INSUFFICIENT_PERMISSIONS|FileNotFoundException/.test(err.message))
      return say(err.message);
    return null;
  }
  if (/socket|connection|ECONNRESET|EPIPE|closed/i.test(err.message)) return say(`the connection was lost: ${err.message}`);
  return null;
}

/** Spark's type name (as DESCRIBE spells it) upper-cased: BIGINT, DECIMAL(10,2), ARRAY<INT>. */
function typeName(t: string): string {
  return t.trim().toUpperCase();
}

/** An unsigned big-endian 64-bit integer as a number within 2^53, else its decimal text. */
function int64(v: unknown): number | string {
  const i = v as { buffer: Buffer; offset: number };
  const big = i.buffer.readBigInt64BE(i.offset);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) && big >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(big) : big.toString();
}

function convert(type: number, value: unknown): unknown {
  switch (type) {
    case T.TTypeId.BIGINT_TYPE:
      return int64(value);
    case T.TTypeId.DECIMAL_TYPE:
      return Number(value);
    case T.TTypeId.ARRAY_TYPE:
    case T.TTypeId.MAP_TYPE:
    case T.TTypeId.STRUCT_TYPE:
      return parseNested(String(value));
    case T.TTypeId.FLOAT_TYPE:
      // Spark widens FLOAT to a double on the wire; its text is the float's shortest form.
      return Number(Math.fround(value as number).toPrecision(7));
    default:
      return value;
  }
}

/**
 * An array, map or struct as the Thrift server writes it: JSON, except that dates, timestamps
 * and NaN/Infinity stand bare (`[2020-01-01,NaN]`). Bare words become what JSON would have made
 * of them (null, booleans, numbers, NaN, ±Infinity), else text. (The server's text is
 * ambiguous for a text value holding a double quote, which it does not escape, and for a map
 * keyed by timestamps: their colons.)
 */
function parseNested(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // bare words: read it by hand below
  }
  let i = 0;
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const bare = (word: string): unknown => {
    if (word === 'null') return null;
    if (word === 'true' || word === 'false') return word === 'true';
    if (word === 'NaN') return NaN;
    if (word === 'Infinity' || word === '-Infinity') return word === 'Infinity' ? Infinity : -Infinity;
    return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(word) ? Number(word) : word;
  };
  const value = (stops: string): unknown => {
    space();
    const c = text[i];
    if (c === '[' || c === '{') {
      const list = c === '[';
      const close = list ? ']' : '}';
      const out: unknown[] = [];
      const obj: Record<string, unknown> = {};
      i++;
      space();
      if (text[i] === close) {
        i++;
        return list ? out : obj;
      }
      for (;;) {
        if (list) out.push(value(',]'));
        else {
          const key = value(':');
          i++; // the colon
          obj[String(key)] = value(',}');
        }
        space();
        if (text[i++] === close) return list ? out : obj;
      }
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const s = JSON.parse(text.slice(i, j + 1)) as string;
      i = j + 1;
      return s;
    }
    let j = i;
    while (j < text.length && !stops.includes(text[j]!)) j++;
    const word = text.slice(i, j).trim();
    i = j;
    return bare(word);
  };
  return value('');
}

function rowsOf(schema: TColumnDesc[], sets: { columns?: TColumn[] }[]): Row[] {
  const rows: Row[] = [];
  const cols = [...schema].sort((a, b) => a.position - b.position);
  for (const set of sets) {
    const columns = set.columns ?? [];
    const first = columns[0] ? Object.values(columns[0]).find(Boolean) : undefined;
    const n = first?.values.length ?? 0;
    const base = rows.length;
    for (let r = 0; r < n; r++) rows.push({});
    cols.forEach((c, i) => {
      const col = Object.values(columns[i] ?? {}).find(Boolean);
      if (!col) return;
      const type = c.typeDesc.types[0]?.primitiveEntry?.type ?? T.TTypeId.STRING_TYPE!;
      for (let r = 0; r < n; r++) {
        const isNull = (col.nulls[r >> 3]! >> (r & 7)) & 1;
        rows[base + r]![c.columnName] = isNull ? null : convert(type, col.values[r]);
      }
    });
  }
  return rows;
}

/** Statements a read-only connection may run. */
const READING = /^\s*\(*\s*(SELECT|WITH|VALUES|SHOW|DESCRIBE|DESC|EXPLAIN|TABLE|FROM)\b/i;
const SESSION_SETTINGS = ['SET spark.sql.session.timeZone=UTC'];

export class SparkConnection implements ServerConnection {
  readonly dialect = sparkDialect;
  /** Set once the connection is unusable; every later call fails at once with it. */
  private broken: AssayDataError | null = null;
  /** Rejects when the connection ends, so that no call waits on a dead socket. */
  private readonly lost: Promise<never>;
  private version?: string;

  private constructor(
    private readonly client: InstanceType<typeof hive.HiveClient>,
    private session: Session | null,
    readonly where: string,
    private readonly opts: OpenOptions,
  ) {
    let fail!: (e: AssayDataError) => void;
    this.lost = new Promise<never>((_, reject) => (fail = reject));
    this.lost.catch(() => {});
    const end = (what: string, cause?: unknown) => {
      this.broken ??= new AssayDataError(`${where}: ${what}`, where, { cause });
      fail(this.broken);
    };
    client.on('error', (err: Error) => end(`the connection was lost: ${err.message}`, err));
    client.on('close', () => end('the connection was closed by the server'));
  }

  static async open(url: string, opts: OpenOptions = {}): Promise<SparkConnection> {
    const where = describeUrl(url);
    const u = parseUrl(url);
    const client = new hive.HiveClient(TCLIService, hive.thrift.TCLIService_types);
    const connectTimeout = opts.connectTimeoutMs ?? 15_000;
    const options = {
      max_attempts: 0,
      connect_timeout: connectTimeout,
      ...(u.transport === 'binary' ? {} : { path: u.path, https: u.transport === 'https', nodeOptions: { rejectUnauthorized: true } }),
    };
    const connection = u.transport === 'binary' ? new hive.connections.TcpConnection() : new hive.connections.HttpConnection();
    const auth =
      u.transport === 'binary'
        ? new hive.auth.PlainTcpAuthentication({ username: u.user, password: u.password })
        : new hive.auth.PlainHttpAuthentication({ username: u.user, password: u.password });
    try {
      await withDeadline(client.connect({ host: u.host, port: u.port, options }, connection, auth), connectTimeout, 'connecting', where);
    } catch (err) {
      try {
        client.close();
      } catch {
        // nothing to close
      }
      throw (
        classifySparkError(err, where) ?? new AssayDataError(`${where}: cannot connect: ${(err as Error).message}`, where, { cause: err })
      );
    }
    const conn = new SparkConnection(client, null, where, opts);
    try {
      conn.session = await conn.guard(
        client.openSession({ client_protocol: T.TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10! }) as Promise<Session>,
        connectTimeout,
        'opening a session',
      );
      for (const s of SESSION_SETTINGS) await conn.run(s, connectTimeout);
      if (u.database) await conn.run(`USE ${sparkDialect.ident(u.database)}`, connectTimeout);
    } catch (err) {
      await conn.close();
      throw classifySparkError(err, where) ?? new AssayDataError(`${where}: ${(err as Error).message}`, where, { cause: err });
    }
    return conn;
  }

  /** `p`, unless the connection ends or `ms` passes first. */
  private guard<X>(p: Promise<X>, ms: number, what: string): Promise<X> {
    return withDeadline(Promise.race([p, this.lost]), ms, what, this.where);
  }

  /** A call to the server that gives up when the connection ends or the statement's limit (plus slack) passes. */
  private call<X>(p: Promise<X>, what: string, timeoutMs: number): Promise<X> {
    return this.guard(p, timeoutMs > 0 ? timeoutMs + 30_000 : 0, what);
  }

  /** Submits one statement and waits until it has finished; the caller reads its rows and closes it. */
  private async execute(sql: Sql, timeoutMs: number): Promise<Operation> {
    if (this.broken) throw this.broken;
    const op = await this.call(
      this.session!.executeStatement(sql, {
        runAsync: true,
        ...(timeoutMs > 0 ? { queryTimeout: Math.ceil(timeoutMs / 1000) as unknown } : {}),
      }),
      'submitting a statement',
      timeoutMs,
    );
    try {
      const started = Date.now();
      for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
        const st = await this.call(op.status(false), 'waiting for a statement', timeoutMs);
        const state = st.operationState;
        if (state === T.TOperationState.FINISHED_STATE) return op;
        if (state === T.TOperationState.ERROR_STATE)
          throw new SparkError(cleanMessage(st.errorMessage ?? 'the statement failed'), st.sqlState ?? undefined);
        if (state === T.TOperationState.TIMEDOUT_STATE || (timeoutMs > 0 && Date.now() - started > timeoutMs + 30_000)) {
          await op.cancel().catch(() => {});
          throw new AssayDataError(
            `${this.where}: the statement ran past the ${timeoutMs / 1000} s limit and was cancelled (raise it with --statement-timeout)`,
            this.where,
          );
        }
        if (state === T.TOperationState.CANCELED_STATE || state === T.TOperationState.CLOSED_STATE)
          throw new AssayDataError(`${this.where}: the statement was cancelled on the server`, this.where);
        await new Promise((r) => setTimeout(r, wait));
      }
    } catch (err) {
      await this.closeOperation(op, timeoutMs);
      throw err;
    }
  }

  /** Fetches the next at most `rows` rows of a finished statement (Thrift FetchResults with maxRows). */
  private async fetchSome(op: Operation, rows: number, timeoutMs: number): Promise<{ schema: TColumnDesc[]; rows: Row[] }> {
    op.setMaxRows(rows);
    await this.call(op.fetch(), 'reading rows', timeoutMs);
    const schema = op.getSchema()?.columns ?? [];
    const got = rowsOf(schema, op.getData());
    op.flush();
    return { schema, rows: got };
  }

  private async closeOperation(op: Operation, timeoutMs: number): Promise<void> {
    if (!this.broken) await this.call(op.close(), 'closing a statement', timeoutMs).catch(() => {});
  }

  /** The error a caller sees for `err`: a AssayDataError when the connection is unusable, else a SparkError. */
  private failure(err: unknown): unknown {
    // hive-driver's StatusError (a FetchResults the server refused) is no Error: it is the statement's.
    if (!(err instanceof Error) && typeof (err as { message?: unknown } | null)?.message === 'string')
      err = new SparkError(cleanMessage((err as { message: string }).message));
    const fatal = classifySparkError(err, this.where);
    if (fatal) {
      if (!(err instanceof SparkError)) this.broken ??= fatal;
      return fatal;
    }
    return err instanceof Error && !(err instanceof SparkError)
      ? new SparkError(cleanMessage(err.message), (err as { sqlState?: string }).sqlState)
      : err;
  }

  /** Runs one statement and reads all its rows. */
  private async run(sql: Sql, timeoutMs = this.opts.statementTimeoutMs ?? 0): Promise<{ schema: TColumnDesc[]; rows: Row[] }> {
    try {
      const op = await this.execute(sql, timeoutMs);
      try {
        const rows: Row[] = [];
        let schema: TColumnDesc[] = [];
        do {
          const got = await this.fetchSome(op, 10_000, timeoutMs);
          schema = got.schema;
          for (const r of got.rows) rows.push(r);
        } while (op.hasMoreRows());
        return { schema, rows };
      } finally {
        await this.closeOperation(op, timeoutMs);
      }
    } catch (err) {
      throw this.failure(err);
    }
  }

  /**
   * The rows of a read query `rows` at a time, each batch one FetchResults call: Node never holds
   * more than a batch. (Spark's Thrift server itself collects the result in its driver, unless
   * spark.sql.thriftServer.incrementalCollect is on, which runs one job per partition.) The
   * operation is closed when the rows run out, on an error, and when the consumer stops early.
   */
  async *batches(sql: Sql, rows: number): AsyncIterable<Row[]> {
    if (this.opts.readOnly && !READING.test(sql))
      throw new SparkError('this connection is read-only: only SELECT, WITH, SHOW and DESCRIBE statements run on it');
    const size = Math.max(1, Math.trunc(rows));
    const timeoutMs = this.opts.statementTimeoutMs ?? 0;
    let op: Operation;
    try {
      op = await this.execute(sql, timeoutMs);
    } catch (err) {
      throw this.failure(err);
    }
    try {
      let pending: Row[] = [];
      do {
        let got: Row[];
        try {
          got = (await this.fetchSome(op, size, timeoutMs)).rows;
        } catch (err) {
          throw this.failure(err);
        }
        // The server may answer with fewer rows than asked: batches are `size` rows but the last.
        pending = pending.length ? pending.concat(got) : got;
        while (pending.length >= size) {
          const batch = pending.length === size ? pending : pending.slice(0, size);
          pending = pending.length === size ? [] : pending.slice(size);
          yield batch;
        }
      } while (op.hasMoreRows());
      if (pending.length) yield pending;
    } finally {
      await this.closeOperation(op, timeoutMs);
    }
  }

  classifyError(err: unknown): AssayDataError | null {
    return classifySparkError(err, this.where);
  }

  async query(sql: Sql): Promise<Row[]> {
    if (this.opts.readOnly && !READING.test(sql))
      throw new SparkError('this connection is read-only: only SELECT, WITH, SHOW and DESCRIBE statements run on it');
    return (await this.run(sql)).rows;
  }

  async exec(sql: Sql): Promise<void> {
    if (this.opts.readOnly && !READING.test(sql)) throw new SparkError('this connection is read-only');
    await this.run(sql);
  }

  async columns(relation: Sql): Promise<Column[]> {
    // DESCRIBE QUERY plans without running a job and spells types as Spark does (DECIMAL(10,2),
    // ARRAY<INT>, TIMESTAMP_NTZ), which the result set's Thrift types cannot (no element types).
    const rows = await this.query(`DESCRIBE QUERY SELECT * FROM ${relation}`);
    return rows
      .filter((r) => r.col_name && !String(r.col_name).startsWith('#'))
      .map((r) => ({ name: String(r.col_name), type: typeName(String(r.data_type)) }));
  }

  /**
   * The quoted name of a table or view as Spark reads `name` (`orders`, `sales.orders`,
   * `` `Sales`.`Orders` ``; names are case-insensitive), or null when there is none.
   */
  async resolveTable(name: string): Promise<Sql | null> {
    const parts = splitName(name);
    if (!parts) return null;
    const quoted = parts.map((p) => this.dialect.ident(p)).join('.');
    try {
      await this.query(`DESCRIBE QUERY SELECT * FROM ${quoted}`);
      return quoted;
    } catch (err) {
      if (err instanceof AssayDataError && /TABLE_OR_VIEW_NOT_FOUND|SCHEMA_NOT_FOUND/.test(err.message)) return null;
      throw err;
    }
  }

  async engineInfo() {
    if (!this.version) {
      const [row] = await this.query('SELECT version() AS v');
      // "4.0.1 <git hash>"
      this.version = String(row!.v).split(' ')[0]!;
    }
    return { name: 'spark', version: this.version };
  }

  async close(): Promise<void> {
    const wasBroken = this.broken;
    this.broken ??= new AssayDataError(`${this.where}: the connection was closed`, this.where);
    if (!wasBroken && this.session) await this.guard(this.session.close(), 5_000, 'closing the session').catch(() => {});
    try {
      this.client.close();
    } catch {
      // already closed
    }
  }
}

/** `db.table` or `` `a.b`.`c` `` into its parts, or null when it is not a name. */
function splitName(name: string): string[] | null {
  const parts: string[] = [];
  const re = /\s*(?:`((?:[^`]|``)*)`|([A-Za-z0-9_]+))\s*(\.|$)/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < name.length && (m = re.exec(name))) {
    parts.push(m[1] !== undefined ? m[1].replaceAll('``', '`') : m[2]!);
    if (!m[3]) return re.lastIndex === name.length && parts.length <= 3 ? parts : null;
  }
  return null;
}

/** Spark's messages carry a JVM stack trace and a `[ERROR_CLASS]` prefix; the first line is the message. */
function cleanMessage(message: string): string {
  let m = message.split('\n')[0]!.trim();
  for (let before = ''; before !== m;) {
    before = m;
    m = m.replace(/^Error running query: /, '').replace(/^(\[[\w.]+\] )?(org|java)\.[\w.$]+: /, '');
  }
  return m;
}

/** `p`, or a AssayDataError when `ms` (> 0) passes first. */
function withDeadline<X>(p: Promise<X>, ms: number, what: string, where: string): Promise<X> {
  if (ms <= 0) return p;
  let timer: NodeJS.Timeout;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new AssayDataError(`${where}: no answer from the Spark server within ${ms / 1000} s while ${what}`, where)),
      ms,
    );
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}
