// A connection runs SQL on one engine and returns plain JS rows. The dialect spells the SQL;
// the connection only executes it. Implementations, and the one factory that opens them: src/connections/.
import type { Dialect } from '../dialects/base.js';
import type { Column, Row, Sql } from './types.js';

export interface Connection {
  readonly dialect: Dialect;
  /** Runs a read query and returns rows with JS values (numbers, strings, booleans, null, arrays). */
  query(sql: Sql): Promise<Row[]>;
  /** Runs a statement whose result is not needed. */
  exec(sql: Sql): Promise<void>;
  /**
   * The rows of a read query in batches of at most `rows`, for results too large to hold at
   * once (a server-side cursor). Without it, a caller takes `query`'s one result.
   */
  batches?(sql: Sql, rows: number): AsyncIterable<Row[]>;
  /**
   * The rows of a read query written by the engine itself as CSV to `file` (created, never
   * overwritten): every non-null value quoted, a null an empty unquoted field, no header. Resolves
   * the rows written. For results another engine reads whole (src/engine/land.ts): no row goes
   * through JS values. Without it, a caller takes `batches`.
   */
  copyOut?(sql: Sql, file: string): Promise<number>;
  /** Columns of a relation (a table, a view, or a parenthesised query). */
  columns(relation: Sql): Promise<Column[]>;
  /** Engine name and version, for the result's run block. */
  engineInfo(): Promise<{ name: string; version: string }>;
  close(): Promise<void>;
}

/**
 * A borrowed view of a connection whose statements all run through `around` (a savepoint, a
 * failure latch). Closing it does nothing: the lender owns the connection.
 */
export function wrapStatements(conn: Connection, around: <T>(run: () => Promise<T>) => Promise<T>): Connection {
  return {
    dialect: conn.dialect,
    query: (sql) => around(() => conn.query(sql)),
    exec: (sql) => around(() => conn.exec(sql)),
    // A cursor lives across statements: it runs in the lender's transaction, outside `around`.
    ...(conn.batches ? { batches: (sql: Sql, rows: number) => conn.batches!(sql, rows) } : {}),
    // One statement, unlike a cursor: it runs inside `around` like a query.
    ...(conn.copyOut ? { copyOut: (sql: Sql, file: string) => around(() => conn.copyOut!(sql, file)) } : {}),
    columns: (relation) => around(() => conn.columns(relation)),
    engineInfo: () => conn.engineInfo(),
    close: async () => {},
  };
}
