// A DuckDB database per test file, and validate() of one expectation (or a few, as one suite)
// that also records its queries.
import { loadCatalogue } from '../../src/engine/catalogue.js';
import { afterAll, beforeAll } from 'vitest';
import { DuckDBConnection } from '../../src/connections/duckdb.js';
import type { ExpectationResult } from '../../src/engine/types.js';
import { validate } from '../../src/engine/validate.js';

export interface Query {
  sql: string;
  purpose: string;
}

export interface Checked extends ExpectationResult {
  queries: Query[];
}

export interface TestDatabase {
  /** The open connection (from beforeAll on). */
  readonly conn: DuckDBConnection;
  /** `check` on this database. */
  check(table: string, type: string, kwargs: Record<string, unknown>): Promise<Checked>;
  /** `checkSuite` on this database. */
  checkSuite(
    table: string,
    expectations: { type: string; kwargs: Record<string, unknown> }[],
  ): Promise<{ results: ExpectationResult[]; queries: Query[] }>;
}

export async function openWith(...statements: string[]): Promise<DuckDBConnection> {
  const conn = await DuckDBConnection.open();
  for (const s of statements) await conn.exec(s);
  return conn;
}

/**
 * The test file's database: opened, with `statements` run, before its tests and closed after
 * them. Call it at the top level of the file: it registers the beforeAll and afterAll hooks.
 */
export function testDatabase(...statements: string[]): TestDatabase {
  let conn: DuckDBConnection | undefined;
  beforeAll(async () => {
    conn = await openWith(...statements);
  });
  afterAll(() => conn?.close());
  const open = () => {
    if (!conn) throw new Error('the test database opens in beforeAll: use it inside tests');
    return conn;
  };
  return {
    get conn() {
      return open();
    },
    check: (table, type, kwargs) => check(open(), table, type, kwargs),
    checkSuite: (table, expectations) => checkSuite(open(), table, expectations),
  };
}

/** Validates several expectations on `table` as one suite (so they share its scans), recording the queries. */
export async function checkSuite(
  conn: DuckDBConnection,
  table: string,
  expectations: { type: string; kwargs: Record<string, unknown> }[],
): Promise<{ results: ExpectationResult[]; queries: Query[] }> {
  const queries: Query[] = [];
  const res = await validate(
    conn,
    conn.dialect.ident(table),
    { name: 't', expectations: expectations.map((e) => ({ ...e, severity: 'error' as const })) },
    { catalogue: await loadCatalogue(), onQuery: (sql, purpose) => queries.push({ sql, purpose }) },
  );
  return { results: res.results, queries };
}

/** Validates one expectation against `table` (COMPLETE by default, as GE's test runner). */
export async function check(conn: DuckDBConnection, table: string, type: string, kwargs: Record<string, unknown>): Promise<Checked> {
  const { results, queries } = await checkSuite(conn, table, [{ type, kwargs: { result_format: 'COMPLETE', ...kwargs } }]);
  return { ...results[0]!, queries };
}
