import { DuckDBInstance, type DuckDBConnection as RawConnection } from '@duckdb/node-api';
import { duckdbDialect } from '../dialects/duckdb.js';
import type { Connection } from '../engine/connection.js';
import type { Column, Row, Sql } from '../engine/types.js';

/** Plain JS for a DuckDB value: safe bigints become numbers, dates and times their SQL text. */
function plain(value: unknown, json: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(value) : value.toString();
  }
  if (value instanceof Date) return json;
  if (Array.isArray(value)) return value.map((v, i) => plain(v, (json as unknown[])[i]));
  if (typeof value === 'object' && value.constructor === Object) {
    const out: Row = {};
    for (const [k, v] of Object.entries(value)) out[k] = plain(v, (json as Row)[k]);
    return out;
  }
  return value;
}

export class DuckDBConnection implements Connection {
  readonly dialect = duckdbDialect;
  /**
   * Set when the database is locked down (./sandbox.ts): the one folder, not yet created, that
   * it may still read besides its inputs, where rows from another engine land as a file
   * (src/engine/land.ts).
   */
  landing?: string;
  private constructor(
    /** null when the connection is borrowed: its owner closes it. */
    private readonly instance: DuckDBInstance | null,
    readonly raw: RawConnection,
  ) {}

  /** Opens an in-memory database, or a database file (`path`). */
  static async open(path = ':memory:', options: Record<string, string> = {}): Promise<DuckDBConnection> {
    const instance = await DuckDBInstance.create(path, options);
    return new DuckDBConnection(instance, await instance.connect());
  }

  /** A connection the caller opened (a library user's): Assay runs its queries on it, never closes it. */
  static borrow(raw: RawConnection): DuckDBConnection {
    return new DuckDBConnection(null, raw);
  }

  async query(sql: Sql): Promise<Row[]> {
    const reader = await this.raw.runAndReadAll(sql);
    const js = reader.getRowObjectsJS() as Row[];
    const needsJson = reader.columnTypes().some((t) => /DATE|TIME|INTERVAL/.test(String(t)));
    const json = needsJson ? (reader.getRowObjectsJson() as Row[]) : js;
    return js.map((row, i) => {
      const out: Row = {};
      for (const [k, v] of Object.entries(row)) out[k] = plain(v, json[i]![k]);
      return out;
    });
  }

  async exec(sql: Sql): Promise<void> {
    await this.raw.run(sql);
  }

  async *batches(sql: Sql, rows: number): AsyncIterable<Row[]> {
    const result = await this.raw.stream(sql);
    let batch: Row[] = [];
    for await (const chunk of result.yieldRowObjectJs()) {
      for (const row of chunk) {
        const out: Row = {};
        for (const [k, v] of Object.entries(row)) out[k] = plain(v, v instanceof Date ? v.toISOString() : v);
        batch.push(out);
        if (batch.length >= rows) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length) yield batch;
  }

  async columns(relation: Sql): Promise<Column[]> {
    const rows = await this.query(`DESCRIBE SELECT * FROM ${relation}`);
    return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
  }

  async engineInfo() {
    const [row] = await this.query('SELECT version() AS v');
    return { name: 'duckdb', version: String(row!.v) };
  }

  async close(): Promise<void> {
    if (!this.instance) return;
    this.raw.closeSync();
    this.instance.closeSync();
  }
}
