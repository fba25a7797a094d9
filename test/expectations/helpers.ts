// A DuckDB table per test file and a one-expectation validate() that also records its queries.
import { DuckDBConnection } from '../../src/engine/duckdb-connection.js';
import type { ExpectationResult } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';

export interface Checked extends ExpectationResult {
  queries: { sql: string; purpose: string }[];
}

export async function openWith(...statements: string[]): Promise<DuckDBConnection> {
  const conn = await DuckDBConnection.open();
  for (const s of statements) await conn.exec(s);
  return conn;
}

/** Validates one expectation against `table` (COMPLETE by default, as GE's test runner). */
export async function check(conn: DuckDBConnection, table: string, type: string, kwargs: Record<string, unknown>): Promise<Checked> {
  const queries: Checked['queries'] = [];
  const res = await validate(
    conn,
    conn.dialect.ident(table),
    { name: 't', expectations: [{ type, kwargs: { result_format: 'COMPLETE', ...kwargs }, severity: 'error' }] },
    { onQuery: (sql, purpose) => queries.push({ sql, purpose }) },
  );
  return { ...res.results[0]!, queries };
}
