// `validate: {source: …}`: a server source (PostgreSQL, Spark) validated where it lives. The
// engine's fused query runs in the server and only metrics (and samples of failures) come back;
// nothing is copied into the run.
import { serverEngine, type ServerConnection } from '../../connections/index.js';
import type { Sql } from '../../engine/types.js';
import { AssayDataError, AssayError } from '../../errors.js';
import type { RunContext } from '../context.js';
import { openWithRetry, reasonOf } from '../retry.js';
import type { ServerSource } from '../types.js';

export interface InPlace {
  /** A read-only session of the server's connection; the caller closes it. */
  conn: ServerConnection;
  /** The resolved table (or the query as a subquery), limited under --limit. */
  relation: Sql;
  /** For the result's data sources: what was validated, where (host, port, database; never the user). */
  description: string;
  classifyError(err: unknown): AssayDataError | null;
}

/** Opens a server source for validation where it lives (connection retried as for landing). */
export async function openInPlace(ctx: RunContext, source: ServerSource): Promise<InPlace> {
  const url = ctx.env.require(source.urlEnv, `source ${source.name}`);
  const engine = serverEngine(source.kind)!;
  const label = `source ${source.name} (${engine.title})`;
  const conn = await openWithRetry(
    source.kind,
    url,
    { readOnly: true, applicationName: `assay ${ctx.pipeline.name} validate ${source.name}` },
    {
      ...source.retries,
      label,
      onRetry: (attempt, err, wait) =>
        ctx.log.warn({ source: source.name, attempt, wait_ms: wait, reason: reasonOf(err) }, 'source failed; retrying'),
    },
  );
  const where = conn.where;
  const classifyError = (err: unknown) => {
    const fatal = conn.classifyError(err);
    return fatal && new AssayDataError(`${label} at ${fatal.message}`, fatal.path, { cause: fatal.cause });
  };
  try {
    let relation: Sql;
    let what: string;
    if (source.table) {
      const resolved = await conn.resolveTable(source.table).catch((err: unknown) => {
        throw classifyError(err) ?? new AssayDataError(`${label}: table ${source.table}: ${reasonOf(err)}`, source.name, { cause: err });
      });
      if (!resolved) {
        throw new AssayDataError(`${label}: no table or view ${source.table} at ${where} (${engine.nameRule})`, source.name);
      }
      relation = resolved;
      what = `table ${resolved}`;
    } else {
      relation = `(${source.sql.trim().replace(/;+\s*$/, '')}) AS assay_source`;
      what = 'query';
    }
    if (ctx.limit !== null) relation = `(SELECT * FROM ${relation} LIMIT ${Math.trunc(ctx.limit)}) AS assay_limited`;
    // Reading the columns checks privileges and the query before any scan.
    await conn.columns(relation).catch((err: unknown) => {
      throw (
        classifyError(err) ??
        new AssayError(
          `${label}: ${source.table ? `table ${source.table}` : 'the query'} cannot be read on ${engine.title}: ${reasonOf(err)}`,
          {
            cause: err,
          },
        )
      );
    });
    return { conn, relation, description: `${source.name} (${engine.title} ${what} at ${where}, validated in place)`, classifyError };
  } catch (err) {
    await conn.close();
    throw err;
  }
}
