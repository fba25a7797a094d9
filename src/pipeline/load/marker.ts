// The load's receipt, committed with the rows themselves: a row in `_assay_loads` (a table in
// the DuckDB file, or in the PostgreSQL schema) inside the load's transaction, or the run id in
// the Parquet file's key-value metadata (written with the file, so the rename commits both).
// The ledger records a load's intent before the commit; when a run dies, or its ledger write
// fails, between the two, the next run asks the target whether that run's load committed
// (../reconcile.ts), so its files are neither loaded twice nor lost.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { DuckDBConnection } from '../../connections/duckdb.js';
import { connectPg, type PostgresConnection } from '../../connections/postgres.js';
import { postgresDialect } from '../../dialects/postgres.js';
import { AssayEnvironmentError } from '../../errors.js';
import type { Env } from '../env.js';
import type { LoadSpec } from '../types.js';

const q = (name: string) => postgresDialect.ident(name);

export const MARKER_TABLE = '_assay_loads';
/** Parquet key-value metadata: a JSON list of the last run ids whose loads wrote the file. */
export const PARQUET_RUNS_KEY = 'assay_runs';
const KEEP_RUNS = 100;

export const markerColumns =
  'run_id VARCHAR NOT NULL, pipeline VARCHAR NOT NULL, table_name VARCHAR NOT NULL, loaded_at TIMESTAMPTZ NOT NULL';
const pgColumns = 'run_id text NOT NULL, pipeline text NOT NULL, table_name text NOT NULL, loaded_at timestamptz NOT NULL';

/** Statements writing the receipt into the attached DuckDB database `alias`, inside the load's transaction. */
export function duckdbMarker(conn: DuckDBConnection, alias: string, runId: string, pipeline: string, table: string): string[] {
  const d = conn.dialect;
  const t = `${d.ident(alias)}.main.${d.ident(MARKER_TABLE)}`;
  return [
    `CREATE TABLE IF NOT EXISTS ${t} (${markerColumns})`,
    `INSERT INTO ${t} VALUES (${d.literal(runId)}, ${d.literal(pipeline)}, ${d.literal(table)}, now())`,
  ];
}

/** Creates the PostgreSQL receipt table if missing (outside the load's transaction: two loads may race to create it). */
export async function ensurePostgresMarker(c: PostgresConnection['client'], schema: string): Promise<void> {
  const found = await c.query(`SELECT to_regclass($1) IS NOT NULL AS has`, [`${q(schema)}.${q(MARKER_TABLE)}`]);
  if (found.rows[0]?.has) return;
  // A schema this role may not create is the load's own refusal (./postgres.ts words it).
  if (schema !== 'public') await c.query(`CREATE SCHEMA IF NOT EXISTS ${q(schema)}`).catch(racedOr);
  try {
    await c.query(`CREATE TABLE IF NOT EXISTS ${q(schema)}.${q(MARKER_TABLE)} (${pgColumns})`);
  } catch (err) {
    const code = String((err as { code?: string }).code);
    if (code === '42501') {
      const table = `${q(schema)}.${q(MARKER_TABLE)}`;
      throw new AssayEnvironmentError(
        `the load's receipt table ${table} does not exist and this role may not create it (${(err as Error).message}); ` +
          `create it once as a role that may: CREATE TABLE ${table} (${pgColumns}); GRANT SELECT, INSERT ON ${table} TO <the loading role>`,
        table,
        { cause: err },
      );
    }
    racedOr(err);
  }
}

/** 42P06/42P07/23505: another load created the schema or table at the same moment; anything else is thrown. */
function racedOr(err: unknown): void {
  if (!['42P06', '42P07', '23505'].includes(String((err as { code?: string }).code))) throw err;
}

export async function postgresMarker(c: PostgresConnection['client'], schema: string, runId: string, pipeline: string, table: string) {
  await c.query(`INSERT INTO ${q(schema)}.${q(MARKER_TABLE)} VALUES ($1, $2, $3, now())`, [runId, pipeline, table]);
}

/** The run ids a Parquet file's metadata lists (empty when it has none). */
export async function parquetRuns(conn: DuckDBConnection, file: string): Promise<string[]> {
  const d = conn.dialect;
  const rows = await conn.query(
    // decode, not CAST: a cast escapes the JSON's quotes as \x22.
    `SELECT decode(value) AS v FROM parquet_kv_metadata(${d.literal(file)}) WHERE decode(key) = ${d.literal(PARQUET_RUNS_KEY)}`,
  );
  try {
    const list = JSON.parse(String(rows[0]?.v ?? '[]'));
    return Array.isArray(list) ? list.map(String) : [];
  } catch {
    return [];
  }
}

/** The COPY option carrying the run ids forward: the old file's, then this run's. */
export function parquetMarkerOption(conn: DuckDBConnection, before: string[], runId: string): string {
  const d = conn.dialect;
  const runs = [...before.filter((r) => r !== runId), runId].slice(-KEEP_RUNS);
  return `KV_METADATA {${PARQUET_RUNS_KEY}: ${d.literal(JSON.stringify(runs))}}`;
}

/** Whether the load of `runId` committed into the target: true, false, or an error when the target cannot be asked. */
export async function loadCommitted(conn: DuckDBConnection, env: Env, spec: LoadSpec, runId: string, pipeline: string): Promise<boolean> {
  const t = spec.target;
  const d = conn.dialect;
  if (t.type === 'parquet') {
    const file = path.join(t.dir, `${spec.table}.parquet`);
    return existsSync(file) && (await parquetRuns(conn, file)).includes(runId);
  }
  if (t.type === 'duckdb') {
    if (!existsSync(t.path)) return false;
    const alias = 'assay_marker_check';
    await conn.exec(`ATTACH ${d.literal(t.path)} AS ${d.ident(alias)} (READ_ONLY)`);
    try {
      const [has] = await conn.query(
        `SELECT count(*) AS n FROM duckdb_tables() WHERE database_name = ${d.literal(alias)} AND schema_name = 'main' AND table_name = ${d.literal(MARKER_TABLE)}`,
      );
      if (!Number(has?.n)) return false;
      const [row] = await conn.query(
        `SELECT count(*) AS n FROM ${d.ident(alias)}.main.${d.ident(MARKER_TABLE)} WHERE run_id = ${d.literal(runId)}`,
      );
      return Number(row?.n) > 0;
    } finally {
      await conn.exec(`DETACH ${d.ident(alias)}`).catch(() => {});
    }
  }
  const url = env.require(t.urlEnv, `load target ${spec.table}`);
  const session = await connectPg(url, { applicationName: `assay reconcile ${pipeline}` });
  try {
    const { rows } = await session.client.query(`SELECT to_regclass($1) IS NOT NULL AS has`, [`${q(t.schema)}.${q(MARKER_TABLE)}`]);
    if (!rows[0]?.has) return false;
    const found = await session.client.query(`SELECT 1 FROM ${q(t.schema)}.${q(MARKER_TABLE)} WHERE run_id = $1 LIMIT 1`, [runId]);
    return (found.rowCount ?? 0) > 0;
  } finally {
    await session.close();
  }
}
