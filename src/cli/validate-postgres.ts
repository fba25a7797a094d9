// `assay validate postgres --table <schema.table> | --sql "SELECT ..." --suite <file>`: the suite
// runs inside PostgreSQL, which does the scanning; only metrics (and samples of failures) come
// back. The URL comes from an environment variable (DATABASE_URL, or --url-env NAME), never from
// the command line, where `ps` would show its password.
import type { PostgresConnection } from '../engine/postgres-connection.js';
import type { Sql } from '../engine/types.js';
import { AssayDataError, AssayUsageError } from '../errors.js';

export interface PostgresCliOptions {
  table?: string;
  sql?: string;
  urlEnv?: string;
  statementTimeout?: string;
}

/** The first input of `assay validate postgres ...` (or a URL someone pasted there by mistake). */
export function isPostgresInput(inputs: string[]): boolean {
  if (inputs.some((i) => /^postgres(ql)?:\/\//i.test(i))) {
    throw new AssayUsageError(
      'do not put a database URL on the command line (ps shows it to every user): export DATABASE_URL=... and run `assay validate postgres --table <schema.table>` (or --url-env NAME)',
    );
  }
  return inputs.length >= 1 && /^postgres(ql)?$/i.test(inputs[0]!);
}

export interface PostgresInput {
  conn: PostgresConnection;
  relation: Sql;
  description: string;
  /** No files: the data stays in PostgreSQL (the same shape as a DuckDB input). */
  files: string[];
  classifyError(err: unknown): AssayDataError | null;
}

/** Seconds (a plain number) or a duration such as 90s, 15m, 2h; 0 turns the limit off. */
export function parseTimeout(text: string | undefined): number {
  if (text === undefined) return 3_600_000;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?\s*$/i.exec(text);
  if (!m) throw new AssayUsageError(`--statement-timeout expects seconds or a duration like 90s, 15m, 2h; got ${JSON.stringify(text)}`);
  const unit = (m[2] ?? 's').toLowerCase();
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'h' ? 3_600_000 : 60_000;
  return Math.round(Number(m[1]) * factor);
}

/** Connects (read-only session) and resolves the table or query to validate. */
export async function openPostgresInput(inputs: string[], o: PostgresCliOptions): Promise<PostgresInput> {
  if (inputs.length > 1) throw new AssayUsageError(`\`assay validate postgres\` takes no other input; got ${inputs.slice(1).join(' ')}`);
  if (!o.table === !o.sql) throw new AssayUsageError('name what to validate in PostgreSQL: --table <schema.table> or --sql "SELECT ..."');
  const envName = o.urlEnv ?? 'DATABASE_URL';
  const url = process.env[envName];
  if (!url)
    throw new AssayUsageError(
      `the PostgreSQL URL is read from the environment: set ${envName} (e.g. postgres://user@host:5432/db)${o.urlEnv ? '' : ', or name another variable with --url-env'}`,
    );
  // pg loads only for a PostgreSQL input: `assay validate` on files never pays for it.
  const { classifyPostgresError, describeUrl, PostgresConnection } = await import('../engine/postgres-connection.js');
  const conn = await PostgresConnection.open(url, { readOnly: true, statementTimeoutMs: parseTimeout(o.statementTimeout) });
  const where = describeUrl(url);
  try {
    let relation: Sql;
    let description: string;
    if (o.table) {
      const resolved = await conn.resolveTable(o.table).catch((err: Error) => {
        throw classifyPostgresError(err, where) ?? new AssayUsageError(`--table ${JSON.stringify(o.table)}: ${err.message}`);
      });
      if (!resolved)
        throw new AssayDataError(
          `${where}: no table or view ${JSON.stringify(o.table)} (names are read as PostgreSQL reads them: unquoted is lower-case, "Quoted" keeps its case)`,
          where,
        );
      relation = resolved;
      description = `${where} table ${resolved}`;
    } else {
      const sql = o.sql!.trim().replace(/;+\s*$/, '');
      relation = `(${sql}) AS assay_input`;
      description = `${where} SQL query`;
    }
    // Reading the columns checks the table's privileges and the query's syntax before any scan.
    await conn.columns(relation).catch((err: Error) => {
      throw (
        classifyPostgresError(err, where) ??
        (o.sql ? new AssayUsageError(`--sql: ${err.message}`) : new AssayDataError(`${where}: ${err.message}`, where, { cause: err }))
      );
    });
    return { conn, relation, description, files: [], classifyError: (err) => classifyPostgresError(err, where) };
  } catch (err) {
    await conn.close();
    throw err;
  }
}
