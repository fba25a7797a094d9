// The sandbox of a pipeline's suites. The working database is shared by the trusted extract and
// transform steps, which read files, and the suites, which are not trusted (docs/security.md);
// DuckDB cannot lock one connection down while another of the same database keeps its access.
// So every suite of a pipeline (validate steps, their quarantine, meta steps, the meta-suite
// after validate_target) runs on a database of its own: an in-memory DuckDB that attaches the
// working database READ_ONLY (it replays the committed WAL: no checkpoint needed, which also
// works while a load's transaction is open) and is then locked down with no readable path at
// all. A source is a temp view of the working connection, invisible to another database: the
// trusted connection copies it into a table first, and the sandbox sees that copy under the
// source's name. Decision #13 in docs/decisions.md says why ATTACH and not a Parquet export.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { DuckDBConnection } from '../connections/duckdb.js';
import { lockDown } from '../connections/sandbox.js';
import type { AssayDataError } from '../errors.js';
import type { RunContext } from './context.js';

const WORK = 'assay_work';
const COPIES = 'assay_sandbox';

export interface Sandbox {
  conn: DuckDBConnection;
  close(): Promise<void>;
}

/**
 * A locked-down database that sees the working database's tables read-only, and `names` (tables
 * or views of the working connection: sources, the validated table) under their own names.
 * `classify` turns an error of reading a source (a malformed staged file) into its data error.
 */
export async function openSandbox(
  ctx: RunContext,
  names: readonly string[] = [],
  classify: (err: unknown) => AssayDataError | null = () => null,
): Promise<Sandbox> {
  const work = ctx.conn;
  const d = work.dialect;
  const copies: string[] = [];
  for (const name of new Set(names)) {
    if (await isWorkingTable(work, name)) continue;
    await work.exec(`CREATE SCHEMA IF NOT EXISTS ${COPIES}`);
    try {
      await work.exec(`CREATE OR REPLACE TABLE ${COPIES}.${d.ident(name)} AS SELECT * FROM ${d.ident(name)}`);
    } catch (err) {
      throw classify(err) ?? err;
    }
    copies.push(name);
  }
  const dropCopies = async () => {
    for (const name of copies) await work.exec(`DROP TABLE IF EXISTS ${COPIES}.${d.ident(name)}`).catch(() => {});
  };

  let conn: DuckDBConnection | undefined;
  try {
    const [{ file } = { file: '' }] = await work.query(
      'SELECT path AS file FROM duckdb_databases() WHERE database_name = current_database()',
    );
    // A database of its own spills into the run's folder, not the process's working directory.
    const spill = path.join(ctx.runDir, 'sandbox.tmp');
    mkdirSync(spill, { recursive: true });
    conn = await DuckDBConnection.open(':memory:', { temp_directory: spill });
    await conn.exec(`ATTACH ${d.literal(String(file))} AS ${WORK} (READ_ONLY)`);
    await conn.exec(`USE ${WORK}`);
    for (const name of copies) await conn.exec(`CREATE TEMP VIEW ${d.ident(name)} AS SELECT * FROM ${WORK}.${COPIES}.${d.ident(name)}`);
    await conn.exec(`SET allowed_directories = [${d.literal(spill)}]`);
    await lockDown(conn, []);
  } catch (err) {
    await conn?.close();
    await dropCopies();
    throw err;
  }
  const opened = conn;
  return {
    conn: opened,
    async close() {
      await opened.close();
      await dropCopies();
    },
  };
}

/**
 * A locked-down in-memory database that reads `files` and nothing else (a Parquet target's new
 * file, for validate_target before the rename).
 */
export async function openFileSandbox(ctx: RunContext, files: readonly string[]): Promise<DuckDBConnection> {
  const spill = path.join(ctx.runDir, 'sandbox.tmp');
  mkdirSync(spill, { recursive: true });
  const conn = await DuckDBConnection.open(':memory:', { temp_directory: spill });
  try {
    await conn.exec(`SET allowed_directories = [${conn.dialect.literal(spill)}]`);
    await lockDown(conn, files);
  } catch (err) {
    await conn.close();
    throw err;
  }
  return conn;
}

/** `fn` on a sandbox opened for it, closed after whatever happens. */
export async function inSandbox<T>(
  ctx: RunContext,
  names: readonly string[],
  fn: (conn: DuckDBConnection) => Promise<T>,
  classify?: (err: unknown) => AssayDataError | null,
): Promise<T> {
  const sandbox = await openSandbox(ctx, names, classify);
  try {
    return await fn(sandbox.conn);
  } finally {
    await sandbox.close();
  }
}

/** True when `name` is a table of the working database (not a view: a source, or missing). */
export async function isWorkingTable(work: DuckDBConnection, name: string): Promise<boolean> {
  const [{ n } = { n: 0 }] = await work.query(
    `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND table_name = ${work.dialect.literal(name)}`,
  );
  return Number(n) > 0;
}
