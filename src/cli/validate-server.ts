// `assay validate <engine> --table <schema.table> | --sql "SELECT ..." --suite <file>` for every
// server engine src/connections knows (postgres, ...): the suite runs inside the server, which
// does the scanning; only metrics (and samples of failures) come back. The URL comes from an
// environment variable (the engine's default, or --url-env NAME), never from the command line,
// where `ps` would show its password.
import { openConnection, serverEngine, serverEngineOfUrl, type ServerConnection } from '../connections/index.js';
import { AssayDataError, AssayUsageError } from '../errors.js';
import type { Sql } from '../engine/types.js';

export interface ServerCliOptions {
  table?: string;
  sql?: string;
  urlEnv?: string;
  statementTimeout?: string;
}

/** The engine named by the first input of `assay validate <engine> ...` (refusing a URL pasted there), or undefined. */
export function serverInputKind(inputs: string[]): string | undefined {
  const pasted = inputs.map(serverEngineOfUrl).find(Boolean);
  if (pasted) {
    throw new AssayUsageError(
      `do not put a database URL on the command line (ps shows it to every user): export ${pasted.defaultUrlEnv}=... and run \`assay validate ${pasted.kind} --table <schema.table>\` (or --url-env NAME)`,
    );
  }
  return inputs.length >= 1 ? serverEngine(inputs[0]!)?.kind : undefined;
}

export interface ServerInput {
  conn: ServerConnection;
  relation: Sql;
  description: string;
  /** No files: the data stays in the server (the same shape as a DuckDB input). */
  files: string[];
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
export async function openServerInput(kind: string, inputs: string[], o: ServerCliOptions, command = 'validate'): Promise<ServerInput> {
  const engine = serverEngine(kind)!;
  if (inputs.length > 1) throw new AssayUsageError(`\`assay ${command} ${kind}\` takes no other input; got ${inputs.slice(1).join(' ')}`);
  if (!o.table === !o.sql)
    throw new AssayUsageError(`name what to ${command} in ${engine.title}: --table <schema.table> or --sql "SELECT ..."`);
  const envName = o.urlEnv ?? engine.defaultUrlEnv;
  // A URL pasted here by mistake would be echoed back by "set <name>": say so without it.
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(envName)) {
    throw new AssayUsageError(
      '--url-env takes the NAME of an environment variable holding the URL (e.g. DATABASE_URL), not the URL itself; what was given is not shown',
    );
  }
  const url = process.env[envName];
  if (!url)
    throw new AssayUsageError(
      `the ${engine.title} URL is read from the environment: set ${envName} (e.g. ${engine.exampleUrl})${o.urlEnv ? '' : ', or name another variable with --url-env'}`,
    );
  const conn = await openConnection({ kind, url, options: { readOnly: true, statementTimeoutMs: parseTimeout(o.statementTimeout) } });
  const where = conn.where;
  try {
    let relation: Sql;
    let description: string;
    if (o.table) {
      const resolved = await conn.resolveTable(o.table).catch((err: Error) => {
        throw conn.classifyError(err) ?? new AssayUsageError(`--table ${JSON.stringify(o.table)}: ${err.message}`);
      });
      if (!resolved) throw new AssayDataError(`${where}: no table or view ${JSON.stringify(o.table)} (${engine.nameRule})`, where);
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
        conn.classifyError(err) ??
        (o.sql ? new AssayUsageError(`--sql: ${err.message}`) : new AssayDataError(`${where}: ${err.message}`, where, { cause: err }))
      );
    });
    return { conn, relation, description, files: [] };
  } catch (err) {
    await conn.close();
    throw err;
  }
}
