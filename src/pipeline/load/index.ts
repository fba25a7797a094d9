// The load: the working table goes into the target in one transaction (DuckDB, PostgreSQL) or
// one atomic rename (Parquet), or not at all; with validate_target, the target is re-validated
// just before that commit (../target-check.ts). What can be checked before writing is checked
// here first: the keys of an upsert exist, are never null and never repeat. Two runs never load
// one target at once, whichever pipelines they belong to: the second waits for the first
// (a lock file beside a DuckDB file or a Parquet table; an advisory lock in PostgreSQL).
import path from 'node:path';
import type { Connection } from '../../engine/connection.js';
import type { Column, Sql } from '../../engine/types.js';
import type { RunContext } from '../context.js';
import type { LoadRecord, LoadSpec } from '../types.js';
import { asFault } from '../faults.js';
import { acquireTargetLock, type Lock } from '../lock.js';
import { loadDuckDB } from './duckdb.js';
import { loadParquet } from './parquet.js';
import { loadPostgres } from './postgres.js';
import { LoadError } from '../../errors.js';

export { LoadError };

export function describeTarget(spec: LoadSpec): string {
  const t = spec.target;
  return t.type === 'duckdb'
    ? `${t.path} (DuckDB) table ${spec.table}`
    : t.type === 'parquet'
      ? `${t.dir}/${spec.table}.parquet`
      : `PostgreSQL ${t.schema}.${spec.table} ($${t.urlEnv})`;
}

async function checkKeys(ctx: RunContext, spec: LoadSpec, data: Column[]): Promise<void> {
  const d = ctx.conn.dialect;
  const missing = spec.keys.filter((k) => !data.some((c) => c.name === k));
  if (missing.length)
    throw new LoadError(
      `cannot upsert into ${spec.table}: key column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} not in ${spec.from} (it has ${data.map((c) => c.name).join(', ')})`,
    );
  const keys = spec.keys.map((k) => d.ident(k));
  const src = d.ident(spec.from);
  const [nulls] = await ctx.conn.query(`SELECT count(*) AS n FROM ${src} WHERE ${keys.map((k) => `${k} IS NULL`).join(' OR ')}`);
  if (Number(nulls!.n) > 0)
    throw new LoadError(
      `cannot upsert into ${spec.table}: ${nulls!.n} row(s) of ${spec.from} have a null key (${spec.keys.join(', ')}); nothing was written`,
    );
  const dup = await ctx.conn.query(
    `SELECT ${keys.join(', ')}, count(*) AS n FROM ${src} GROUP BY ALL HAVING count(*) > 1 ORDER BY n DESC LIMIT 1`,
  );
  if (dup.length) {
    const example = spec.keys.map((k) => `${k}=${JSON.stringify(dup[0]![k])}`).join(', ');
    throw new LoadError(
      `cannot upsert into ${spec.table}: the key (${spec.keys.join(', ')}) repeats in ${spec.from} (e.g. ${example}, ${dup[0]!.n} rows); nothing was written`,
    );
  }
}

/**
 * validate_target's hook: called with the target's connection and table after every row is
 * written and before the load commits (before the rename, for Parquet); false rolls it back.
 */
/**
 * The checks before a load commits, on the load's connection. `files`: when the target-to-be is
 * files (a Parquet target's new file), a suite reads them in a sandbox of their own instead.
 */
export type BeforeCommit = (conn: Connection, relation: Sql, files?: readonly string[]) => Promise<boolean>;

/** The lock file of a DuckDB file or a Parquet table; null for PostgreSQL (an advisory lock). */
export function targetLockFile(spec: LoadSpec): string | null {
  const t = spec.target;
  if (t.type === 'duckdb') return `${t.path}.assay-lock`;
  if (t.type === 'parquet') return path.join(t.dir, `.${spec.table}.parquet.assay-lock`);
  return null;
}

export interface LoadHooks {
  beforeCommit?: BeforeCommit;
  /** Called last before the commit (the rows and the receipt are written): the ledger records the load's intent. */
  intent: () => Promise<void>;
}

/** The load's record, or null when `beforeCommit` rolled it back. */
export async function loadData(ctx: RunContext, spec: LoadSpec, hooks: LoadHooks): Promise<LoadRecord | null> {
  const data = await ctx.conn.columns(ctx.conn.dialect.ident(spec.from));
  if (spec.mode === 'upsert') await checkKeys(ctx, spec, data);
  ctx.progress.start(`load ${spec.table} (${spec.mode})`);
  const lockFile = targetLockFile(spec);
  let lock: Lock | undefined;
  try {
    if (lockFile)
      lock = await acquireTargetLock(lockFile, ctx.runId, describeTarget(spec), {
        timeoutMs: spec.lockTimeoutMs,
        onWait: (holder) => {
          ctx.log.warn({ holder }, 'another run is loading the target; waiting for it');
          ctx.progress.update(`waiting for run ${holder?.run_id ?? '?'} to finish loading the target`);
        },
      });
    const t = spec.target;
    const done =
      t.type === 'duckdb'
        ? await loadDuckDB(ctx, spec, t, data, hooks)
        : t.type === 'parquet'
          ? await loadParquet(ctx, spec, t, data, hooks)
          : await loadPostgres(ctx, spec, t, data, hooks);
    if (!done) return null;
    return { target: describeTarget(spec), table: spec.table, mode: spec.mode, rows: done.rows, added_columns: done.added };
  } catch (err) {
    throw asFault(err, `cannot write the target ${describeTarget(spec)}`, describeTarget(spec));
  } finally {
    lock?.release();
    ctx.progress.done();
  }
}
