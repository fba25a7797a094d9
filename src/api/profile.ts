// profile() for library callers: what `assay profile --json` writes, for any input validate()
// reads, or for a table or query of a server engine (PostgreSQL, Spark) profiled in place, where
// only the figures and the top rows leave the server. Nothing is printed.
import { openConnection, serverEngine, type ServerConnection } from '../connections/index.js';
import type { Connection } from '../engine/connection.js';
import type { Sql } from '../engine/types.js';
import { AssayDataError, AssayUsageError } from '../errors.js';
import { profile as profileRelation, type Profile, type ProfileOptions as EngineProfileOptions } from '../profile/profile.js';
import { openValidateInput, type ValidateInput, type ValidateOptions } from './validate.js';

/** A server engine's table or query, read in place: `{ engine: 'spark', url: process.env.SPARK_URL! }`. */
export interface ServerSource {
  /** A server engine's name, as on the command line: `postgres`, `spark`. */
  engine: string;
  /** Its connection URL (never printed: messages name host, port and database only). */
  url: string;
}

/** Anything validate() reads, or a server engine's table or query (with the table or sql option). */
export type ProfileInput = ValidateInput | ServerSource;

export interface ProfileOptions
  extends Pick<ValidateOptions, 'table' | 'sql' | 'format' | 'csv'>, Pick<EngineProfileOptions, 'top' | 'bins' | 'quantiles'> {
  /** A server source: limit per statement, in ms (default one hour; 0: none). */
  statementTimeoutMs?: number;
  /** Called with the SQL of every query, e.g. to log or count scans. */
  onQuery?: (sql: Sql, purpose: string) => void;
}

const isServerSource = (input: ProfileInput): input is ServerSource =>
  typeof input === 'object' && input !== null && !Array.isArray(input) && typeof (input as ServerSource).engine === 'string';

/** Profiles the input: per column its type, nulls, exact distinct count, range, mean, quantiles, top values, lengths and shapes. */
export async function profile(input: ProfileInput, options: ProfileOptions = {}): Promise<Profile> {
  let conn: Connection;
  let relation: Sql;
  let description: string | undefined;
  if (isServerSource(input)) {
    ({ conn, relation, description } = await openServerSource(input, options));
  } else {
    // As `assay profile`, the DuckDB is not locked down: the profile sets engine options for its
    // own queries (a dense group-by), which a locked configuration refuses.
    const { conn: duck, opened } = await openValidateInput(input, options);
    conn = duck;
    relation = opened.relation;
    description = opened.description;
  }
  try {
    return await profileRelation(conn, relation, {
      top: options.top,
      bins: options.bins,
      quantiles: options.quantiles,
      description,
      onQuery: options.onQuery,
    });
  } finally {
    await conn.close();
  }
}

async function openServerSource(
  source: ServerSource,
  o: ProfileOptions,
): Promise<{ conn: ServerConnection; relation: Sql; description: string }> {
  const engine = serverEngine(source.engine);
  if (!engine) throw new AssayUsageError(`profile: no server engine called ${JSON.stringify(source.engine)}`);
  if (!o.table === !o.sql)
    throw new AssayUsageError(`profile: name what to profile in ${engine.title}: the table option or the sql option`);
  const conn = await openConnection({
    kind: engine.kind,
    url: source.url,
    options: { readOnly: true, statementTimeoutMs: o.statementTimeoutMs ?? 3_600_000 },
  });
  try {
    if (o.sql) return { conn, relation: `(${o.sql.trim().replace(/;+\s*$/, '')}) AS assay_input`, description: `${conn.where} SQL query` };
    const resolved = await conn.resolveTable(o.table!);
    if (!resolved) throw new AssayDataError(`${conn.where}: no table or view ${JSON.stringify(o.table)} (${engine.nameRule})`, conn.where);
    return { conn, relation: resolved, description: `${conn.where} table ${resolved}` };
  } catch (err) {
    await conn.close();
    throw conn.classifyError(err) ?? err;
  }
}
