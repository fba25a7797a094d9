// Functions a suite's SQL (row_condition, unexpected_rows_query) may not call: those that read
// files, list folders, reach the network or run SQL given as text. Defence in depth, refused when
// the suite is loaded: the real defences are DuckDB's sandbox and PostgreSQL's read-only
// transactions (docs/security.md), which also stop what a list like this one misses.
import { AssayError } from '../errors.js';

const FORBIDDEN = new RegExp(
  '^(' +
    [
      // DuckDB: files, folders, other databases, SQL as text
      'read_\\w+',
      'parquet_\\w+',
      'sniff_csv',
      'glob',
      'getenv',
      'query',
      'query_table',
      'iceberg_\\w+',
      'delta_scan',
      'sqlite_\\w+',
      'postgres_\\w+',
      'mysql_\\w+',
      // PostgreSQL: the server's files, large objects, other servers, settings
      'pg_read_file',
      'pg_read_binary_file',
      'pg_ls_\\w+',
      'pg_stat_file',
      'pg_file_\\w+',
      'lo_\\w+',
      'dblink\\w*',
      'set_config',
    ].join('|') +
    ')$',
  'i',
);

/**
 * Throws when `sql` calls a forbidden function, by name or quoted name, schema-qualified or not.
 * String literals are skipped, so a value may mention any of these words.
 */
export function refuseForbiddenCalls(sql: string, what: string): void {
  const bare = sql.replace(/'(?:[^']|'')*'/g, "''");
  const call = /("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)\s*\(/g;
  let m: RegExpExecArray | null;
  while ((m = call.exec(bare))) {
    const name = m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!;
    if (FORBIDDEN.test(name)) {
      throw new AssayError(`${what} may not call ${name}(): a suite reads its table, not files, other databases or settings`, {
        code: 'forbidden_function',
      });
    }
  }
}
